package org.virtualwire.gateway.relay;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.stats.Tally;
import org.virtualwire.gateway.table.ForwardingTable;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * What both sides' handlers share: datagrams in, one flush per read batch, drops counted, errors logged
 * without closing the socket (a UDP relay outlives any one bad send).
 */
abstract class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    final Supplier<ForwardingTable> table;
    final Forwarder forwarder;
    final GatewayCounters counters;
    private final int maxDatagram;

    RelayHandler(Supplier<ForwardingTable> table, Forwarder forwarder, GatewayCounters counters, int maxDatagram) {
        this.table = table;
        this.forwarder = forwarder;
        this.counters = counters;
        this.maxDatagram = maxDatagram;
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket datagram) {
            relay(ctx, datagram);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Handles one datagram, which it owns. */
    abstract void relay(ChannelHandlerContext ctx, DatagramPacket datagram);

    /** A datagram that filled the receive slot may have been cut short by the kernel: never forward it. */
    final boolean truncated(int length) {
        return length >= maxDatagram;
    }

    final void drop(DatagramPacket datagram, GatewayDrop reason, Tally wire) {
        datagram.release();
        counters.dropped(reason, wire);
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        forwarder.flush();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // failed sends of void-promise writes land here too (e.g. an unreachable host); keep the socket open
        LOG.debug("gateway socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
