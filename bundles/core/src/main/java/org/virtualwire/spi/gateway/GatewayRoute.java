package org.virtualwire.spi.gateway;

import java.util.List;
import java.util.Objects;

import org.virtualwire.api.WireId;

/**
 * Frames of one wire that arrive from one hop go to every hop listed: one destination normally, two while
 * a wire end is dual-homed during a migration. One frame in, one copy out per destination.
 *
 * @param wire the wire; its id is the VNI the frames carry
 * @param from the only hop whose frames of this wire the gateway accepts under this route (hosts are matched
 *     by address alone: the kernel picks VXLAN source ports per flow)
 * @param to the destinations, none equal to {@code from}, no duplicates
 */
public record GatewayRoute(WireId wire, GatewayHop from, List<GatewayHop> to) {

    /** Copies the list and checks it. */
    public GatewayRoute {
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("route of wire " + wire + " from " + from + " has no destination");
        }
        if (to.contains(from)) {
            throw new IllegalArgumentException("route of wire " + wire + " sends back to its sender " + from);
        }
        if (to.stream().distinct().count() != to.size()) {
            throw new IllegalArgumentException("route of wire " + wire + " from " + from + " lists a destination twice");
        }
    }
}
