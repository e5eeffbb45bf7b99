package org.virtualwire.gateway;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * A way to open sockets inside a network namespace for the kernel tests: a fresh thread enters it with setns(2)
 * and runs the task there, so the sockets it opens live in that namespace while the rest of the JVM stays where
 * it was. Commands (ip, ping): tunnel-vxlan's test Netns.
 */
final class InNamespace {

    private interface LibC extends Library {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static final int CLONE_NEWNET = 0x40000000;

    private InNamespace() {
    }

    /** Runs {@code task} on a new thread inside namespace {@code ns} and returns its result. */
    static <T> T call(String ns, Callable<T> task) throws Exception {
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
}
