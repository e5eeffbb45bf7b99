package org.virtualwire.gateway.relay;

import java.util.function.Supplier;

import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.table.ForwardingTable;
import org.virtualwire.gateway.table.Route;
import org.virtualwire.tunnel.vxlan.codec.VxlanHeader;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Receives plain VXLAN from this cloud's hosts on the private socket and forwards what the table allows.
 * Not {@code @Sharable}: it belongs to the relay's one event loop, with its forwarder.
 */
final class HostSideHandler extends RelayHandler {

    HostSideHandler(Supplier<ForwardingTable> table, Forwarder forwarder, GatewayCounters counters, int maxDatagram) {
        super(table, forwarder, counters, maxDatagram);
    }

    @Override
    void relay(long sender, ByteBuf packet, ByteBufAllocator alloc) {
        int length = packet.readableBytes();
        if (truncated(length) || !VxlanHeader.valid(packet)) {
            drop(packet, GatewayDrop.MALFORMED, null);
            return;
        }
        int vni = VxlanHeader.vni(packet, packet.readerIndex());
        ForwardingTable t = table.get();
        Route route = t.fromHost(sender, vni);
        if (route == null) {
            boolean known = t.isHost(sender);
            drop(packet, known ? GatewayDrop.VNI_NOT_ALLOWED : GatewayDrop.UNKNOWN_SENDER,
                    known ? t.wire(vni) : null);
            return;
        }
        route.tally().received(length);
        counters.total().received(length);
        forwarder.forward(route, packet);
    }
}
