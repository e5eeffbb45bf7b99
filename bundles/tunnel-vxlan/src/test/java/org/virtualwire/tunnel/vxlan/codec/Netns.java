package org.virtualwire.tunnel.vxlan.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs short commands (ip, ping) for the kernel tests and hands back exit code and output. Shared with the
 * gateway's kernel tests through this module's test-jar.
 */
public final class Netns {

    /** Exit code and combined stdout/stderr of one command; exit -1 if it could not be started. */
    public record Result(int exit, String output) {
    }

    private Netns() {
    }

    /** @return the command's exit code and output; exit -1 if it could not be started or ran over 60 s */
    public static Result run(String... argv) {
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
    public static String check(String... argv) {
        Result r = run(argv);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    /** @return whether this JVM runs as root */
    public static boolean isRoot() {
        Result r = run("id", "-u");
        return r.exit() == 0 && r.output().trim().equals("0");
    }

    /** @return whether the command (a probe such as {@code ip -V}) runs and succeeds */
    public static boolean hasCommand(String... probe) {
        return run(probe).exit() == 0;
    }

    /** @return whether kernel tests can run: as root, with iproute2 and ping */
    public static boolean usable() {
        return isRoot() && hasCommand("ip", "-V") && hasCommand("ping", "-V");
    }
}
