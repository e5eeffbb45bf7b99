package org.virtualwire.gateway.relay;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.gateway.crypto.Sealer;
import org.virtualwire.gateway.crypto.TunnelHeader;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.table.Destination;
import org.virtualwire.gateway.table.Peer;
import org.virtualwire.gateway.table.Route;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

/**
 * Sends one accepted VXLAN packet to every destination of its route: to hosts as it is (the same bytes, no
 * copy), to peer gateways as a tunnel packet, sealed unless the peer is plain. Writes are not flushed here:
 * the handlers flush once per read batch, so the transport sends a batch per system call (sendmmsg with epoll).
 * Runs on the relay's one event-loop thread only.
 */
final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final GatewayCounters counters;
    private final Sealer sealer = new Sealer();
    private Channel hostSide;
    private Channel peerSide;

    Forwarder(GatewayCounters counters) {
        this.counters = counters;
    }

    void channels(Channel hostSide, Channel peerSide) {
        this.hostSide = hostSide;
        this.peerSide = peerSide;
    }

    /**
     * @param route the packet's route
     * @param vxlan the VXLAN packet; this method owns it from now on
     */
    void forward(Route route, ByteBuf vxlan) {
        Destination[] to = route.to();
        int last = to.length - 1;
        for (int i = 0; i < last; i++) {
            send(route, to[i], vxlan.retainedDuplicate());
        }
        send(route, to[last], vxlan);
    }

    private void send(Route route, Destination to, ByteBuf vxlan) {
        if (to.isHost()) {
            write(hostSide, vxlan, to.address(), route);
            return;
        }
        ByteBuf tunnel;
        try {
            tunnel = wrap(to.peer(), vxlan);
        } finally {
            vxlan.release();
        }
        if (tunnel == null) {
            counters.dropped(GatewayDrop.NO_ROUTE, route.tally());
        } else {
            write(peerSide, tunnel, to.address(), route);
        }
    }

    /** @return the tunnel packet, or null if the peer must be sealed but has no key */
    private ByteBuf wrap(Peer peer, ByteBuf vxlan) {
        if (peer.plain()) {
            ByteBuf out = peerSide.alloc().directBuffer(TunnelHeader.LENGTH + vxlan.readableBytes());
            TunnelHeader.writePlain(out);
            return out.writeBytes(vxlan, vxlan.readerIndex(), vxlan.readableBytes());
        }
        if (peer.link() == null) {
            return null;
        }
        try {
            return sealer.seal(peer.link(), vxlan, peerSide.alloc());
        } catch (GeneralSecurityException e) {
            LOG.warn("sealing for gateway {} failed: {}", peer.address(), e.toString());
            return null;
        }
    }

    private void write(Channel channel, ByteBuf packet, InetSocketAddress to, Route route) {
        if (!channel.isWritable()) {
            packet.release();
            counters.dropped(GatewayDrop.OVERFLOW, route.tally());
            return;
        }
        int bytes = packet.readableBytes();
        channel.write(new DatagramPacket(packet, to), channel.voidPromise());
        route.tally().forwarded(bytes);
        counters.total().forwarded(bytes);
    }

    /** Hands everything written since the last flush to the kernel. */
    void flush() {
        hostSide.flush();
        peerSide.flush();
    }
}
