package org.virtualwire.gateway.relay;

import java.net.InetSocketAddress;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The sockets and the one event-loop thread of a relay. With epoll (Linux, native library present) each read
 * is a recvmmsg of up to {@code batch} datagrams into slices of one pooled direct buffer, and each flush a
 * sendmmsg; elsewhere it falls back to NIO, one datagram per system call.
 */
final class Transport implements AutoCloseable {

    private static final int SOCKET_BUFFER = 4 << 20;
    private static final int GRO_RUN = 65536;

    private final boolean epoll;
    private final EventLoopGroup group;
    private final int maxDatagram;
    private final int batch;
    private final boolean gso;
    private final boolean gro;

    /**
     * @param name the event-loop thread's name
     * @param preferEpoll false forces NIO (benchmarks, tests of the fallback)
     * @param maxDatagram the largest datagram received whole
     * @param batch datagrams per receive system call with epoll
     * @param gso whether to send with UDP GSO where the kernel offers it
     * @param gro whether to receive with UDP GRO (epoll): runs of datagrams of one flow arrive as one
     */
    Transport(String name, boolean preferEpoll, int maxDatagram, int batch, boolean gso, boolean gro) {
        this.gso = gso;
        this.gro = gro;
        this.epoll = preferEpoll && Epoll.isAvailable();
        this.maxDatagram = maxDatagram;
        this.batch = batch;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * Takes and gives back, on the event-loop thread, buffers of the sizes a read and a send batch use, so that
     * the first packet does not pay for the thread's first pooled chunk: the allocator zeroes a new chunk, and
     * Netty's first chunk allocation registers its JFR event, which starts the JDK's flight-recorder metadata.
     * Measured on two gateways on the loopback: the first frame took 101 ms, the next ones 1 to 7 ms; across
     * clouds the first migration's answers waited 150 to 200 ms in the relay's socket.
     *
     * @param sendBatch the largest send batch, bytes
     */
    void warmUp(int sendBatch) {
        int receive = gro ? GRO_RUN : epoll ? maxDatagram * batch : maxDatagram;
        group.submit(() -> {
            PooledByteBufAllocator.DEFAULT.directBuffer(receive, receive).release();
            PooledByteBufAllocator.DEFAULT.directBuffer(sendBatch, sendBatch).release();
        }).syncUninterruptibly();
    }

    /** @return whether the sockets take UDP GSO sends (epoll on Linux 4.18 or later) */
    boolean gso() {
        return epoll && gso && EpollDatagramChannel.isSegmentedDatagramPacketSupported();
    }

    /** @return the one event loop: the sockets' and the AF_XDP fast path's */
    IoEventLoop loop() {
        return (IoEventLoop) group.next();
    }

    /** @return whether the sockets use epoll (and so recvmmsg/sendmmsg) */
    boolean epoll() {
        return epoll;
    }

    /**
     * Opens a UDP socket in the calling thread (so in the calling thread's network namespace) and binds it;
     * it does not read until {@code config().setAutoRead(true)}.
     *
     * @param local the address to bind
     * @param handler its only handler
     * @return the bound channel
     */
    Channel bind(InetSocketAddress local, ChannelHandler handler) {
        // with GRO each receive (recvmsg: Netty reads the segment size of a run only there, not with recvmmsg)
        // takes a whole coalesced run of up to 64 KiB, which Netty cuts into datagrams
        boolean withGro = epoll && gro;
        Bootstrap b = new Bootstrap().group(group)
                // IPv4 sockets: Netty would open dual-stack IPv6 ones, which cost a little on every send
                .channelFactory(epoll ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET)
                        : () -> new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.AUTO_READ, false) // reading starts once both sockets are bound
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(withGro ? GRO_RUN : epoll ? maxDatagram * batch : maxDatagram)
                                .maxMessagesPerRead(batch * 4))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .handler(handler);
        if (epoll) {
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, withGro ? 0 : maxDatagram);
            b.option(EpollChannelOption.UDP_GRO, withGro);
        }
        return b.bind(local).syncUninterruptibly().channel();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
