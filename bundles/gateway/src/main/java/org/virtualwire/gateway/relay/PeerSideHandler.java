package org.virtualwire.gateway.relay;

import java.util.function.Supplier;

import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.gateway.crypto.Opener;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.table.ForwardingTable;
import org.virtualwire.gateway.table.Peer;
import org.virtualwire.gateway.table.Route;
import org.virtualwire.tunnel.vxlan.codec.VxlanHeader;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Receives tunnel packets from peer gateways on the public socket: only from peers in the table, only
 * authenticated and fresh (unless the peer is plain), only for wires the table routes from that peer.
 * Not {@code @Sharable}: it holds the Opener (ciphers) of its thread.
 */
final class PeerSideHandler extends RelayHandler {

    private final Opener opener = new Opener();

    PeerSideHandler(Supplier<ForwardingTable> table, Forwarder forwarder, GatewayCounters counters, int maxDatagram) {
        super(table, forwarder, counters, maxDatagram);
    }

    @Override
    void relay(long sender, ByteBuf packet, ByteBufAllocator alloc) {
        int length = packet.readableBytes();
        ForwardingTable t = table.get();
        Peer peer = t.peer(sender);
        if (peer == null || truncated(length)) {
            drop(packet, peer == null ? GatewayDrop.UNKNOWN_SENDER : GatewayDrop.MALFORMED, null);
            return;
        }
        ByteBuf vxlan = opener.open(peer.link(), peer.plain(), packet, alloc);
        if (vxlan == null) {
            drop(packet, opener.failure(), null);
            return;
        }
        packet.release();
        if (!VxlanHeader.valid(vxlan)) {
            vxlan.release();
            counters.dropped(GatewayDrop.MALFORMED, null);
            return;
        }
        int vni = VxlanHeader.vni(vxlan, vxlan.readerIndex());
        Route route = t.fromPeer(sender, vni);
        if (route == null) {
            vxlan.release();
            counters.dropped(GatewayDrop.VNI_NOT_ALLOWED, t.wire(vni));
            return;
        }
        route.tally().received(length);
        counters.total().received(length);
        forwarder.forward(route, vxlan);
    }
}
