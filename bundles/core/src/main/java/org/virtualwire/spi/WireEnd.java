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
 * @param anchor for a wire to an outside VTEP whose guest runs on this host: the wire's anchor (equal to
 *        {@code localAddress}), an address this host must hold on its underlay interface beside its own and
 *        announce, so that the outside VTEP's frames reach it; null otherwise (also on a host the guest is
 *        arriving at or just left: its end is made there, but the address is held where the guest runs)
 */
public record WireEnd(WireId wire, String device, String localAddress, List<String> remoteAddresses, String localPeer,
        String anchor) {
    /** Copies the list. */
    public WireEnd {
        remoteAddresses = List.copyOf(remoteAddresses);
        if (remoteAddresses.isEmpty()) {
            throw new IllegalArgumentException("a wire end needs a remote host");
        }
    }

    /**
     * A wire end between hosts VirtualWire manages.
     *
     * @param wire the wire
     * @param device the endpoint's device
     * @param localAddress this host's address
     * @param remoteAddresses the peer's hosts' addresses
     * @param localPeer the peer's device on this host, or null
     */
    public WireEnd(WireId wire, String device, String localAddress, List<String> remoteAddresses, String localPeer) {
        this(wire, device, localAddress, remoteAddresses, localPeer, null);
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
