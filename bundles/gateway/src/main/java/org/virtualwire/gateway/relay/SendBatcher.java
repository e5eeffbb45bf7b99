package org.virtualwire.gateway.relay;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;

/**
 * Gathers consecutive datagrams to the same destination into one UDP GSO send (UDP_SEGMENT, Linux 4.18+): one
 * buffer, one trip through the kernel's UDP and IP output for up to {@link #MAX_SEGMENTS} datagrams, which the
 * kernel cuts apart as late as it can (in the NIC, or in software just before it). A batch holds datagrams of one
 * size, except that the last may be shorter, as GSO requires. Without GSO (NIO, or a kernel without
 * UDP_SEGMENT) each datagram is its own buffer and write; with epoll those writes still leave in one sendmmsg
 * per flush. Runs on the relay's event-loop thread only.
 *
 * <p>A datagram is written in three steps: {@link #open} gives the buffer to write it into, the caller writes
 * exactly the length it announced, {@link #close()} ends it ({@link #cancel()} takes it back if it could not).
 */
final class SendBatcher {

    /** Segments per GSO send; the kernel takes up to 64 (older) or 128 (UDP_MAX_SEGMENTS). */
    static final int MAX_SEGMENTS = 64;
    /** Largest UDP payload of one send. */
    static final int MAX_BYTES = 65507;

    private final Channel channel;
    private final boolean gso;
    private ByteBuf batch;
    private InetSocketAddress destination;
    private int segmentSize;
    private int count;
    private boolean lastShort;

    /**
     * @param channel where the datagrams go
     * @param gso whether the channel takes {@link SegmentedDatagramPacket}s
     */
    SendBatcher(Channel channel, boolean gso) {
        this.channel = channel;
        this.gso = gso;
    }

    /** @return whether the socket can take more (otherwise the caller drops and counts an overflow) */
    boolean writable() {
        return channel.isWritable();
    }

    /**
     * Starts one datagram of {@code length} bytes to {@code to}.
     *
     * @return the buffer to write exactly {@code length} bytes into, at its writer index
     */
    ByteBuf open(InetSocketAddress to, int length) {
        if (batch != null && !fits(to, length)) {
            flush();
        }
        if (batch == null) {
            int room = gso ? Math.max(length, Math.min(MAX_BYTES, length * MAX_SEGMENTS)) : length;
            batch = channel.alloc().directBuffer(room, room);
            destination = to;
            segmentSize = length;
        }
        count++;
        lastShort = length < segmentSize;
        return batch;
    }

    /** Ends the datagram opened last. */
    void close() {
        if (!gso) {
            flush();
        }
    }

    /** Takes back the datagram opened last, whose bytes the caller did not write. */
    void cancel() {
        count--;
        lastShort = false;
        if (count == 0) {
            batch.release();
            batch = null;
            destination = null;
        }
    }

    private boolean fits(InetSocketAddress to, int length) {
        return gso && !lastShort && count < MAX_SEGMENTS && length <= segmentSize
                && batch.writableBytes() >= length && (to == destination || to.equals(destination));
    }

    /**
     * Sends a datagram the caller owns: copied into the current batch under GSO (one memory copy buys one
     * system-call's worth of kernel work per batch instead of per datagram), passed on as it is otherwise.
     */
    void send(InetSocketAddress to, ByteBuf datagram) {
        if (!gso) {
            channel.write(new DatagramPacket(datagram, to), channel.voidPromise());
            return;
        }
        int length = datagram.readableBytes();
        open(to, length).writeBytes(datagram, datagram.readerIndex(), length);
        close();
        datagram.release();
    }

    /** Sends everything written to the channel so far. */
    void channelFlush() {
        channel.flush();
    }

    /** Writes what was gathered to the channel (the channel's own flush sends it). */
    void flush() {
        if (batch == null) {
            return;
        }
        Object packet = count > 1 ? new SegmentedDatagramPacket(batch, segmentSize, destination)
                : new DatagramPacket(batch, destination);
        channel.write(packet, channel.voidPromise());
        batch = null;
        destination = null;
        count = 0;
        lastShort = false;
    }
}
