package org.virtualwire.gateway.table;

import java.net.InetSocketAddress;

/**
 * Where one copy of a frame goes: a host of this cloud (plain VXLAN from the private socket) or a peer gateway
 * (tunnel packet from the public socket).
 *
 * @param address the host's VXLAN address, or the peer's tunnel address
 * @param peer the peer, or null for a host
 */
public record Destination(InetSocketAddress address, Peer peer) {

    /** @return whether this destination is a host of this cloud */
    public boolean isHost() {
        return peer == null;
    }
}
