package org.virtualwire.tunnel.vxlan.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs short commands (ip, ping) for the kernel interop test and hands back exit code and output. */
final class Netns {

    /** Exit code and combined stdout/stderr of one command; exit -1 if it could not be started. */
    record Result(int exit, String output) {
    }

    private Netns() {
    }

    static Result run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + "\n(timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    /** Runs a command that must succeed; the exception names the command and quotes its output. */
    static String check(String... argv) {
        Result r = run(argv);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    static boolean isRoot() {
        Result r = run("id", "-u");
        return r.exit() == 0 && r.output().trim().equals("0");
    }

    static boolean hasCommand(String... probe) {
        return run(probe).exit() == 0;
    }
}
