package org.virtualwire.spi;

import org.virtualwire.api.WireId;

/**
 * The local half of a wire on one host: the endpoint's host-side device joined to a tunnel toward the
 * peer's host.
 *
 * @param wire the wire, whose id is the VNI
 * @param device the endpoint's host-side device, as its cloud driver names it
 * @param localAddress this host's underlay address
 * @param remoteAddress the peer host's underlay address
 */
public record WireEnd(WireId wire, String device, String localAddress, String remoteAddress) {
}
