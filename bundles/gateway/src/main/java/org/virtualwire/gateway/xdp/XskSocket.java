package org.virtualwire.gateway.xdp;

import java.nio.ByteBuffer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;

/**
 * An AF_XDP socket receiving from one RX queue of one interface into frame memory (UMEM) of its own: the
 * kernel copies each frame the XDP filter redirects straight into a free frame (or the NIC writes it there,
 * where the driver does zero copy) and puts its descriptor on the RX ring; no socket buffer, no protocol
 * stack, no system call per batch. Registered with the relay's epoll event loop, it drains the RX ring when
 * epoll reports it readable, hands each datagram's payload to its {@link XskReceiver}, and gives the frames
 * back on the fill ring.
 */
final class XskSocket implements EpollIoHandle {

    static final int FRAME = 2048;
    /** The kernel keeps this much headroom in each frame (XDP_PACKET_HEADROOM). */
    static final int KERNEL_HEADROOM = 256;
    private static final int FRAMES = 4096;
    private static final int RX_SIZE = 2048;
    private static final int COMPLETION_SIZE = 64;
    private static final int BUDGET = 256;
    private static final int EBUSY = 16;
    private static final int BIND_ATTEMPTS = 200;
    private static final long BIND_RETRY_MILLIS = 10;

    private static final int XDP_MMAP_OFFSETS = 1;
    private static final int XDP_RX_RING = 2;
    private static final int XDP_UMEM_REG = 4;
    private static final int XDP_UMEM_FILL_RING = 5;
    private static final int XDP_UMEM_COMPLETION_RING = 6;
    private static final int XDP_STATISTICS = 7;
    private static final int XDP_USE_NEED_WAKEUP = 1 << 3;
    private static final long PGOFF_RX_RING = 0;
    private static final long PGOFF_FILL_RING = 0x100000000L;
    private static final long PGOFF_COMPLETION_RING = 0x180000000L;

    private final int fd;
    private final FileDescriptor descriptor;
    private final int queue;
    private final Pointer umem;
    private final long umemLength = (long) FRAMES * FRAME;
    private final ByteBuf frames;
    private final Ring rx;
    private final Ring fill;
    private final Mapping[] mappings = new Mapping[3];
    private final long[] batch = new long[BUDGET];
    private XskReceiver receiver;
    private boolean closed;
    private volatile long received; // written by the event-loop thread only

    private record Mapping(Pointer address, long length) {
    }

    /**
     * Opens the socket, its frame memory and rings, and binds it to the queue.
     *
     * @throws XdpUnavailableException if the kernel refuses any step (the queue does not exist: EINVAL on bind)
     */
    XskSocket(int ifindex, int queue) {
        this.queue = queue;
        try {
            fd = Libc.socket(Libc.AF_XDP, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new XdpUnavailableException("no AF_XDP sockets here: " + Libc.describe(e));
        }
        descriptor = new FileDescriptor(fd);
        Pointer memory = null;
        try {
            memory = Libc.mmap(null, umemLength, Libc.PROT_READ_WRITE, Libc.MAP_PRIVATE_ANONYMOUS | Libc.MAP_POPULATE,
                    -1, 0);
            Memory reg = new Memory(32);
            reg.clear();
            reg.setLong(0, Pointer.nativeValue(memory));
            reg.setLong(8, umemLength);
            reg.setInt(16, FRAME);
            option(XDP_UMEM_REG, reg, 28, "register frame memory");
            option(XDP_UMEM_FILL_RING, FRAMES, "size the fill ring");
            option(XDP_UMEM_COMPLETION_RING, COMPLETION_SIZE, "size the completion ring");
            option(XDP_RX_RING, RX_SIZE, "size the RX ring");
            Memory off = new Memory(128);
            Memory offLength = new Memory(4);
            offLength.setInt(0, 128);
            Libc.getsockopt(fd, Libc.SOL_XDP, XDP_MMAP_OFFSETS, off, offLength);
            rx = new Ring(map(0, off, 0, PGOFF_RX_RING, RX_SIZE, 16), offsets(off, 0), RX_SIZE, 16, false);
            fill = new Ring(map(1, off, 64, PGOFF_FILL_RING, FRAMES, 8), offsets(off, 64), FRAMES, 8, true);
            map(2, off, 96, PGOFF_COMPLETION_RING, COMPLETION_SIZE, 8);
            Memory address = new Memory(16);
            address.clear();
            address.setShort(0, (short) Libc.AF_XDP);
            address.setShort(2, (short) XDP_USE_NEED_WAKEUP);
            address.setInt(4, ifindex);
            address.setInt(8, queue);
            bind(address);
        } catch (LastErrorException | XdpUnavailableException e) {
            release(memory);
            throw e instanceof LastErrorException le
                    ? new XdpUnavailableException("AF_XDP socket on queue " + queue + ": " + Libc.describe(le),
                            le.getErrorCode())
                    : (XdpUnavailableException) e;
        }
        umem = memory;
        frames = Unpooled.wrappedBuffer(umem.getByteBuffer(0, umemLength));
        for (int i = 0; i < FRAMES; i++) {
            fill.putAddress(i, (long) i * FRAME);
        }
        fill.submit(FRAMES);
    }

    /**
     * Binds to the queue. A socket closed on the same queue a moment ago (a gateway restarting) still holds it
     * until the kernel has released its frame memory, later, from a work queue: EBUSY then means "not yet".
     */
    private void bind(Memory address) {
        for (int attempt = 1; ; attempt++) {
            try {
                Libc.bind(fd, address, 16);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EBUSY || attempt == BIND_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(BIND_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XdpUnavailableException("interrupted while queue " + queue + " was still taken");
            }
        }
    }

    /** @return the socket's fd, for the XSKMAP */
    int socketFd() {
        return fd;
    }

    /** @return the RX queue it is bound to */
    int queue() {
        return queue;
    }

    /** @param receiver where datagrams go from now on (set before registering with the event loop) */
    void receiver(XskReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public FileDescriptor fd() {
        return descriptor;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        drain();
    }

    /** Takes up to one budget of frames off the RX ring; epoll reports the socket again if more are waiting. */
    void drain() {
        int n = Math.min(rx.available(), BUDGET);
        if (n <= 0 || closed) {
            return;
        }
        for (int i = 0; i < n; i++) {
            long address = rx.address(i);
            int length = rx.length(i);
            batch[i] = address - address % FRAME;
            int at = (int) address;
            int payload = frames.getUnsignedShort(at + 38) - 8;
            if (payload < 0 || XdpFilter.HEADERS + payload > length) {
                receiver.malformed();
                continue;
            }
            receiver.datagram(frames.getUnsignedInt(at + 26), frames.retainedSlice(at + XdpFilter.HEADERS, payload));
        }
        receiver.batchEnd();
        received += n;
        rx.release(n);
        for (int i = 0; i < n; i++) {
            fill.putAddress(i, batch[i]);
        }
        fill.submit(n);
        if (fill.needsWakeup()) {
            try {
                Libc.recvfrom(fd, null, 0, Libc.MSG_DONTWAIT, null, null);
            } catch (LastErrorException e) {
                // EAGAIN: nothing to report; the kick is all that was asked
            }
        }
    }

    /** @return frames taken off the RX ring so far */
    long received() {
        return received;
    }

    /**
     * @return frames the kernel could not deliver to this socket: no free frame on the fill ring, or no room
     *         on the RX ring
     */
    long kernelDrops() {
        Memory stats = new Memory(48);
        Memory length = new Memory(4);
        length.setInt(0, 48);
        try {
            Libc.getsockopt(fd, Libc.SOL_XDP, XDP_STATISTICS, stats, length);
        } catch (LastErrorException e) {
            return 0;
        }
        return stats.getLong(0) + stats.getLong(24); // rx_dropped (no free frame), rx_ring_full
    }

    private void option(int name, int value, String what) {
        Memory m = new Memory(4);
        m.setInt(0, value);
        option(name, m, 4, what);
    }

    private void option(int name, Memory value, int length, String what) {
        try {
            Libc.setsockopt(fd, Libc.SOL_XDP, name, value, length);
        } catch (LastErrorException e) {
            throw new XdpUnavailableException("cannot " + what + " of an AF_XDP socket: " + Libc.describe(e));
        }
    }

    private static long[] offsets(Memory off, int at) {
        return new long[] { off.getLong(at), off.getLong(at + 8), off.getLong(at + 16), off.getLong(at + 24) };
    }

    private ByteBuffer map(int slot, Memory off, int at, long pgoff, int entries, int entrySize) {
        long length = off.getLong(at + 16) + (long) entries * entrySize;
        Pointer p = Libc.mmap(null, length, Libc.PROT_READ_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE, fd, pgoff);
        mappings[slot] = new Mapping(p, length);
        return p.getByteBuffer(0, length);
    }

    private void release(Pointer memory) {
        for (Mapping m : mappings) {
            if (m != null) {
                Libc.munmap(m.address(), m.length());
            }
        }
        if (memory != null) {
            Libc.munmap(memory, umemLength);
        }
        Libc.close(fd);
    }

    /** Unmaps everything and closes the socket; call on the event-loop thread once it is deregistered. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        frames.release();
        release(umem);
    }
}
