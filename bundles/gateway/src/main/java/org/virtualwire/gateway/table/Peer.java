package org.virtualwire.gateway.table;

import java.net.InetSocketAddress;

import org.virtualwire.gateway.crypto.PeerLink;

/**
 * A remote gateway as the current table knows it.
 *
 * @param ip its public address
 * @param address where tunnel packets to it go
 * @param plain whether packets to and from it travel unencrypted (the plan says so and this gateway's
 *     configuration allows it); otherwise they are sealed and only authenticated packets are accepted
 * @param link keys and replay state, or null when no key is configured for it
 */
public record Peer(long ip, InetSocketAddress address, boolean plain, PeerLink link) {
}
