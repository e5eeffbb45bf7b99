package org.virtualwire.gateway.relay;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.stats.Tally;
import org.virtualwire.gateway.table.ForwardingTable;
import org.virtualwire.gateway.table.Ipv4;
import org.virtualwire.gateway.xdp.XskReceiver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
            relay(Ipv4.of(datagram.sender()), datagram.content(), ctx.alloc());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Handles one datagram, from the socket or from the AF_XDP fast path in front of it.
     *
     * @param sender the sender's IPv4 address ({@link Ipv4#of})
     * @param packet the UDP payload, which this method owns
     * @param alloc where new buffers come from
     */
    abstract void relay(long sender, ByteBuf packet, ByteBufAllocator alloc);

    /** A datagram that filled the receive slot may have been cut short by the kernel: never forward it. */
    final boolean truncated(int length) {
        return length >= maxDatagram;
    }

    final void drop(ByteBuf packet, GatewayDrop reason, Tally wire) {
        packet.release();
        counters.dropped(reason, wire);
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        forwarder.flush();
    }

    /** @return the AF_XDP fast path's way into this handler: same checks, same forwarder, same counters */
    final XskReceiver xdpInput(ByteBufAllocator alloc) {
        return new XskReceiver() {
            @Override
            public void datagram(long sender, ByteBuf payload) {
                relay(sender, payload, alloc);
            }

            @Override
            public void malformed() {
                counters.dropped(GatewayDrop.MALFORMED, null);
            }

            @Override
            public void batchEnd() {
                forwarder.flush();
            }
        };
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // failed sends of void-promise writes land here too (e.g. an unreachable host); keep the socket open
        LOG.debug("gateway socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
