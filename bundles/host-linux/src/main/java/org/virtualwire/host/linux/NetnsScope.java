package org.virtualwire.host.linux;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.virtualwire.spi.NetworkScope;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Runs work inside a named network namespace: on a thread of its own that enters the namespace with
 * setns(2) and ends with the work, so no other thread of the JVM ever changes network. Sockets the work
 * opens stay in that namespace for their whole life, whichever thread uses them later.
 */
final class NetnsScope implements NetworkScope {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    /** The few libc calls needed. */
    interface LibC extends Library {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private final String netns;

    NetnsScope(String netns) {
        this.netns = netns;
    }

    @Override
    public <T> T call(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                enter();
                result.set(work.call());
            } catch (Exception | Error e) {
                failure.set(e);
            }
        }, "vw-netns-" + netns);
        t.setDaemon(true);
        t.start();
        t.join();
        Throwable f = failure.get();
        if (f instanceof Exception e) {
            throw e;
        }
        if (f != null) {
            throw (Error) f;
        }
        return result.get();
    }

    private void enter() {
        String path = "/var/run/netns/" + netns;
        int fd = Holder.C.open(path, O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("cannot open network namespace " + path + ": errno " + Native.getLastError());
        }
        try {
            if (Holder.C.setns(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("cannot enter network namespace " + netns + ": errno " + Native.getLastError());
            }
        } finally {
            Holder.C.close(fd);
        }
    }

    @Override
    public String toString() {
        return "netns " + netns;
    }
}
