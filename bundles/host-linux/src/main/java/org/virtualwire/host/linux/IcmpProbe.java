package org.virtualwire.host.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.spi.linux.KernelException;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * A probe made of ICMP echoes sent from a raw socket opened in the guest's namespace, one every interval at a
 * fixed pace: the sender sleeps to each slot's deadline (it never spins) in the real-time scheduling class, so
 * other work on a busy machine does not make it late, and a slot it still wakes too late for is skipped, never
 * sent in a burst. Each answer's arrival
 * time is the kernel's receive timestamp (SIOCGSTAMPNS), not when the receiving thread got to it. Any guest with
 * an IP stack answers, VMs included.
 *
 * <p>What the probe counts does not depend on when its receiving thread runs either: the socket holds seconds of
 * answers ({@link #RECEIVE_BUFFER}), and when the probe stops the thread reads every answer the kernel queued
 * before it ends. Before, a receiving thread left behind on a loaded machine (a JVM pause, the scheduler) stopped
 * with answers still queued, or the socket's default 208 KiB overflowed: the network's answers counted as lost.
 * What the socket still had to drop (a thread behind by more than its buffer) is logged.
 *
 * <p>Unlike {@code ping}, which during an outage waits up to 10 ms for an answer before sending again, this keeps
 * probing every interval, so the end of a gap is seen within one interval.
 */
final class IcmpProbe {
    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_ICMP = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SO_MEMINFO = 55;
    private static final int SK_MEMINFO_DROPS = 8;
    private static final int MSG_DONTWAIT = 0x40;
    private static final long SIOCGSTAMPNS = 0x8907;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int SCHED_FIFO = 1;
    private static final int PAYLOAD = 56;
    private static final long MAGIC = 0x5657_7072_6f62_6521L; // "VWprobe!"
    /**
     * The socket's receive buffer, as asked (the kernel doubles it for its bookkeeping). An answer takes about
     * 830 bytes of it: the default 208 KiB held 256 answers, a quarter of a second at the default 1 ms; this
     * holds about ten seconds of them while the receiving thread waits for a CPU.
     */
    static final int RECEIVE_BUFFER = 4 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(IcmpProbe.class);
    /** How long answers are awaited after the last probe. */
    private static final Duration LINGER = Duration.ofMillis(500);

    /** The libc calls needed. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

        long recv(int fd, byte[] buf, long len, int flags);

        int setsockopt(int fd, int level, int option, byte[] value, int length);

        int ioctl(int fd, long request, byte[] argument);

        int close(int fd);

        String strerror(int errno);

        int sched_setscheduler(int pid, int policy, int[] param);

        int getsockopt(int fd, int level, int option, byte[] value, int[] length);
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private IcmpProbe() {
    }

    static ProbeResult run(String netns, EndpointId from, String target, Duration duration, Duration interval)
            throws KernelException {
        byte[] address = address(target);
        int fd = open(netns);
        Session session = new Session(fd, address, interval.toNanos());
        try {
            Thread receiver = new Thread(session::receive, "vw-probe-receive");
            receiver.setDaemon(true);
            receiver.start();
            int[] outcome = new int[1];
            Thread sender = new Thread(() -> {
                onTime();
                outcome[0] = session.send(duration.toNanos());
            }, "vw-probe-send");
            sender.setDaemon(true);
            sender.start();
            sender.join();
            int failed = outcome[0];
            if (failed == 0) {
                Thread.sleep(LINGER.toMillis());
            }
            session.stop();
            receiver.join(); // it reads what is still queued before it ends
            long dropped = dropped(fd);
            if (dropped > 0) {
                LOG.warn("Probe from {} to {}: its socket dropped {} answer(s), counted as lost: the receiving thread "
                        + "fell behind by more than the socket holds", from, target, dropped);
            }
            if (failed != 0) {
                throw new KernelException("probe from " + from + " cannot send to " + target + ": "
                        + Holder.C.strerror(failed));
            }
            return session.result(from, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("probe from " + from + " interrupted");
        } finally {
            session.stop(); // the sender and the receiver end within one receive timeout
            close(fd);
        }
    }

    static void close(int fd) {
        Holder.C.close(fd);
    }

    /**
     * Puts the calling (sending) thread in the real-time class at the lowest priority, so that it sends when a
     * slot is due rather than when the machine's other work lets it: the probe measures the network, not the
     * scheduler. It sleeps between packets, so it never holds a CPU. Without the privilege it stays as it is.
     */
    private static void onTime() {
        Holder.C.sched_setscheduler(0, SCHED_FIFO, new int[] {1});
    }

    /** @return how many datagrams the kernel dropped at the socket (its receive buffer was full), or -1 */
    static long dropped(int fd) {
        byte[] info = new byte[(SK_MEMINFO_DROPS + 1) * 4];
        if (Holder.C.getsockopt(fd, SOL_SOCKET, SO_MEMINFO, info, new int[] {info.length}) != 0) {
            return -1;
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(info).order(ByteOrder.nativeOrder()).getInt(SK_MEMINFO_DROPS * 4));
    }

    /** The target's four bytes; a dotted quad only (no name is ever looked up). */
    static byte[] address(String target) {
        return ByteBuffer.allocate(4).putInt(Ipv4Prefix.toInt(target)).array();
    }

    /** A raw ICMP socket made inside the namespace; it stays there whichever thread uses it. */
    static int open(String netns) throws KernelException {
        try {
            int fd = new NetnsScope(netns).call(() -> Holder.C.socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
            if (fd < 0) {
                throw new KernelException("cannot open an ICMP socket in " + netns + ": errno " + Native.getLastError());
            }
            ByteBuffer timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(100_000);
            Holder.C.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout.array(), 16);
            byte[] size = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(RECEIVE_BUFFER).array();
            if (Holder.C.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) != 0) {
                Holder.C.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, size, 4); // without CAP_NET_ADMIN: up to rmem_max
            }
            // the first SIOCGSTAMPNS turns receive timestamps on (SO_TIMESTAMPNS would keep them from it)
            Holder.C.ioctl(fd, SIOCGSTAMPNS, new byte[16]);
            return fd;
        } catch (KernelException e) {
            throw e;
        } catch (Exception e) {
            throw new KernelException("cannot probe from " + netns + ": " + e.getMessage());
        }
    }

    /** One probe's sender, receiver and tally. */
    static final class Session {
        private final int fd;
        private final byte[] to;
        private final long intervalNanos;
        private final int ident = ThreadLocalRandom.current().nextInt(1 << 16);
        private final ProbeTally tally;
        private volatile boolean running = true;
        private long sent;
        private int lastSlot = -1;

        Session(int fd, byte[] address, long intervalNanos) {
            this.fd = fd;
            this.intervalNanos = intervalNanos;
            this.tally = new ProbeTally(intervalNanos / 1e6);
            this.to = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putShort((short) AF_INET)
                    .order(ByteOrder.BIG_ENDIAN).putShort((short) 0).put(address).array();
        }

        /** Sends for the duration; returns 0, or the errno of a first send that failed (nothing is sent then). */
        int send(long durationNanos) {
            long slots = Math.max(1, durationNanos / intervalNanos);
            byte[] packet = new byte[8 + PAYLOAD];
            long start = System.nanoTime();
            for (int slot = 0; slot < slots && running; slot++) {
                long due = start + slot * intervalNanos;
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    now = System.nanoTime();
                }
                if (now - due >= intervalNanos && slot + 1 < slots) {
                    continue; // too late for this slot: the next one is due already
                }
                echo(packet, slot);
                if (Holder.C.sendto(fd, packet, packet.length, 0, to, to.length) == packet.length) {
                    sent++;
                    lastSlot = slot;
                } else if (sent == 0) {
                    return Native.getLastError();
                }
            }
            return 0;
        }

        private void echo(byte[] packet, int slot) {
            ByteBuffer b = ByteBuffer.wrap(packet);
            b.put(0, (byte) 8).put(1, (byte) 0).putShort(2, (short) 0).putShort(4, (short) ident)
                    .putShort(6, (short) slot).putLong(8, MAGIC).putInt(16, slot);
            b.putShort(2, (short) checksum(packet));
        }

        /**
         * Reads answers until stopped, then every answer still queued: the kernel received them in time, whenever
         * this thread gets to them (their arrival is the kernel's timestamp).
         */
        void receive() {
            byte[] in = new byte[2048];
            byte[] stamp = new byte[16];
            ByteBuffer ts = ByteBuffer.wrap(stamp).order(ByteOrder.nativeOrder());
            while (running) {
                if (take(in, stamp, ts, 0) < 0) {
                    return;
                }
            }
            while (take(in, stamp, ts, MSG_DONTWAIT) > 0) {
                // drained one
            }
        }

        /** @return 1 if a datagram was read, 0 if none came (timeout, signal), -1 if the socket failed */
        private int take(byte[] in, byte[] stamp, ByteBuffer ts, int flags) {
            long n = Holder.C.recv(fd, in, in.length, flags);
            if (n < 0) {
                int errno = Native.getLastError();
                return errno == EAGAIN || errno == EINTR ? 0 : -1;
            }
            int slot = slotOf(in, (int) n);
            if (slot >= 0) {
                double at;
                if (Holder.C.ioctl(fd, SIOCGSTAMPNS, stamp) == 0) {
                    at = ts.getLong(0) * 1e3 + ts.getLong(8) / 1e6;
                } else {
                    Instant now = Instant.now(); // no kernel timestamp: when this thread got it
                    at = now.getEpochSecond() * 1e3 + now.getNano() / 1e6;
                }
                synchronized (this) {
                    tally.answer(slot, at);
                }
            }
            return 1;
        }

        /** The slot an echo reply of ours answers, or -1 for anything else. */
        private int slotOf(byte[] in, int length) {
            int ihl = (in[0] & 0x0F) * 4;
            if (length < ihl + 20) {
                return -1;
            }
            ByteBuffer b = ByteBuffer.wrap(in);
            if (b.get(12) != to[4] || b.get(13) != to[5] || b.get(14) != to[6] || b.get(15) != to[7]) {
                return -1;
            }
            if (in[ihl] != 0 || (b.getShort(ihl + 4) & 0xFFFF) != ident || b.getLong(ihl + 8) != MAGIC) {
                return -1;
            }
            return b.getInt(ihl + 16);
        }

        void stop() {
            running = false;
        }

        synchronized ProbeResult result(EndpointId from, String target) {
            return tally.result(from, target, sent, lastSlot);
        }
    }

    static int checksum(byte[] b) {
        long sum = 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if ((b.length & 1) == 1) {
            sum += (b[b.length - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
