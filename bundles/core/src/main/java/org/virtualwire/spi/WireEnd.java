package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.WireId;

/**
 * The local half of a wire on one host: the endpoint's host-side device joined to a tunnel toward the
 * peer's host.
 *
 * @param wire the wire, whose id is the VNI
 * @param device the endpoint's host-side device, as its cloud driver names it
 * @param localAddress this host's underlay address
 * @param remoteAddresses the underlay addresses of the hosts the peer is on: one, or two while it moves
 * @param localPeer the peer's device when the peer is also on this host (while one of them moves), or null
 */
public record WireEnd(WireId wire, String device, String localAddress, List<String> remoteAddresses, String localPeer) {
    /** Copies the list. */
    public WireEnd {
        remoteAddresses = List.copyOf(remoteAddresses);
        if (remoteAddresses.isEmpty()) {
            throw new IllegalArgumentException("a wire end needs a remote host");
        }
    }

    /**
     * A wire end toward one remote host.
     *
     * @param wire the wire
     * @param device the endpoint's device
     * @param localAddress this host's address
     * @param remoteAddress the peer host's address
     */
    public WireEnd(WireId wire, String device, String localAddress, String remoteAddress) {
        this(wire, device, localAddress, List.of(remoteAddress), null);
    }
}
