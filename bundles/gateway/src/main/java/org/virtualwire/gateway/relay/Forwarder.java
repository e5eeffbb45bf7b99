package org.virtualwire.gateway.relay;

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

/**
 * Sends one accepted VXLAN packet to every destination of its route: to hosts as it is, to peer gateways as a
 * tunnel packet, sealed unless the peer is plain, written straight into the outgoing batch. Nothing leaves
 * before {@link #flush()}, which the handlers call once per read batch: the kernel then gets the whole batch in
 * one sendmmsg, its datagrams to one destination in GSO sends. Runs on the relay's one event-loop thread only.
 */
final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final GatewayCounters counters;
    private final Sealer sealer = new Sealer();
    private SendBatcher toHosts;
    private SendBatcher toPeers;

    Forwarder(GatewayCounters counters) {
        this.counters = counters;
    }

    void batchers(SendBatcher toHosts, SendBatcher toPeers) {
        this.toHosts = toHosts;
        this.toPeers = toPeers;
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
        SendBatcher out = to.isHost() ? toHosts : toPeers;
        Peer peer = to.peer();
        GatewayDrop drop = !out.writable() ? GatewayDrop.OVERFLOW
                : peer != null && !peer.plain() && peer.link() == null ? GatewayDrop.NO_ROUTE : null;
        if (drop != null) {
            vxlan.release();
            counters.dropped(drop, route.tally());
            return;
        }
        int length;
        if (peer == null) {
            length = vxlan.readableBytes();
            out.send(to.address(), vxlan);
        } else {
            try {
                length = wrap(peer, vxlan, out, to);
            } finally {
                vxlan.release();
            }
            if (length < 0) {
                counters.dropped(GatewayDrop.NO_ROUTE, route.tally());
                return;
            }
        }
        route.tally().forwarded(length);
        counters.total().forwarded(length);
    }

    /** @return the tunnel packet's length, or -1 if sealing failed */
    private int wrap(Peer peer, ByteBuf vxlan, SendBatcher out, Destination to) {
        int length = vxlan.readableBytes();
        if (peer.plain()) {
            ByteBuf buf = out.open(to.address(), TunnelHeader.LENGTH + length);
            TunnelHeader.writePlain(buf);
            buf.writeBytes(vxlan, vxlan.readerIndex(), length);
            out.close();
            return TunnelHeader.LENGTH + length;
        }
        int sealed = Sealer.sealedLength(length);
        ByteBuf buf = out.open(to.address(), sealed);
        try {
            sealer.seal(peer.link(), vxlan, buf);
        } catch (GeneralSecurityException e) {
            out.cancel();
            LOG.warn("sealing for gateway {} failed: {}", peer.address(), e.toString());
            return -1;
        }
        out.close();
        return sealed;
    }

    /** Hands everything gathered since the last flush to the kernel. */
    void flush() {
        toHosts.flush();
        toPeers.flush();
        toHosts.channelFlush();
        toPeers.channelFlush();
    }
}
