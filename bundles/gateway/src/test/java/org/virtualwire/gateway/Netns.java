package org.virtualwire.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Commands (ip, ping) for the kernel tests, and a way to open sockets inside a network namespace: a fresh
 * thread enters it with setns(2) and runs the task there, so the sockets it opens live in that namespace while
 * the rest of the JVM stays where it was.
 */
final class Netns {

    /** Exit code and combined output of one command; exit -1 if it could not be started. */
    record Result(int exit, String output) {
    }

    private interface LibC extends Library {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static final int CLONE_NEWNET = 0x40000000;

    private Netns() {
    }

    /** Runs {@code task} on a new thread inside namespace {@code ns} and returns its result. */
    static <T> T inside(String ns, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(() -> {
            LibC c = Native.load("c", LibC.class);
            int fd = c.open("/run/netns/" + ns, 0);
            if (fd < 0 || c.setns(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("cannot enter namespace " + ns + ": errno " + Native.getLastError());
            }
            c.close(fd);
            return task.call();
        });
        Thread t = new Thread(future, "in-" + ns);
        t.start();
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
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

    /** Runs a command that must succeed; the exception names it and quotes its output. */
    static String check(String... argv) {
        Result r = run(argv);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    static boolean usable() {
        Result id = run("id", "-u");
        return id.exit() == 0 && id.output().trim().equals("0") && run("ip", "-V").exit() == 0
                && run("ping", "-V").exit() == 0;
    }
}
