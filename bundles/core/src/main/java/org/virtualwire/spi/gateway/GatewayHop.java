package org.virtualwire.spi.gateway;

import java.util.Objects;

/**
 * Where a gateway receives a wire's frames from, or sends them to.
 *
 * @param kind a host of the gateway's own cloud, or another cloud's gateway
 * @param address for a host, its IPv4 address on the cloud's private underlay (frames travel as plain VXLAN to
 *     the gateway's VXLAN port); for a gateway, its public IPv4 address, which must be one of the plan's
 *     {@link GatewayPlan#peers()}
 */
public record GatewayHop(Kind kind, String address) {

    /** The two sides of a gateway. */
    public enum Kind {
        /** A host of the gateway's own cloud, reached by plain VXLAN on the private underlay. */
        HOST,
        /** Another cloud's gateway, reached through the gateway-to-gateway tunnel. */
        GATEWAY
    }

    /** Requires both fields. */
    public GatewayHop {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
    }

    /**
     * @param address the host's private underlay address
     * @return a hop to or from that host
     */
    public static GatewayHop host(String address) {
        return new GatewayHop(Kind.HOST, address);
    }

    /**
     * @param address the remote gateway's public address
     * @return a hop to or from that gateway
     */
    public static GatewayHop gateway(String address) {
        return new GatewayHop(Kind.GATEWAY, address);
    }

    @Override
    public String toString() {
        return (kind == Kind.HOST ? "host " : "gateway ") + address;
    }
}
