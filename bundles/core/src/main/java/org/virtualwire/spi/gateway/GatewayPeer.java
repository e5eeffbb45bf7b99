package org.virtualwire.spi.gateway;

import java.util.Objects;

/**
 * Another cloud's gateway that this gateway exchanges tunnel traffic with.
 *
 * @param address its public IPv4 address on the inter-cloud network
 * @param port its tunnel UDP port
 * @param sealed true (the default a planner should give) when the traffic between the two gateways is encrypted
 *     and authenticated; false only when the user turned encryption off for this pair. Both gateways of a pair
 *     must agree: a gateway never accepts plain traffic from a sealed peer
 */
public record GatewayPeer(String address, int port, boolean sealed) {

    /** Requires an address and a port in 1..65535. */
    public GatewayPeer {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("peer " + address + ": port " + port + " is outside 1..65535");
        }
    }
}
