package org.virtualwire.spi.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one gateway should forward, computed from one version of the desired state. Anything not listed
 * is dropped. See the package documentation for what a planner must list.
 *
 * @param revision the {@link org.virtualwire.spi.Topology#revision()} it was computed from
 * @param peers the remote gateways this gateway talks to, each address once
 * @param routes the routes, at most one per (from, wire); every gateway hop names one of {@code peers}
 */
public record GatewayPlan(long revision, List<GatewayPeer> peers, List<GatewayRoute> routes) {

    /** A plan that forwards nothing. */
    public static final GatewayPlan EMPTY = new GatewayPlan(0, List.of(), List.of());

    /** Copies the lists and checks that they fit together. */
    public GatewayPlan {
        peers = List.copyOf(peers);
        routes = List.copyOf(routes);
        Set<String> peerAddresses = new HashSet<>();
        for (GatewayPeer p : peers) {
            if (!peerAddresses.add(p.address())) {
                throw new IllegalArgumentException("gateway peer " + p.address() + " is listed twice");
            }
        }
        Set<List<Object>> keys = new HashSet<>();
        for (GatewayRoute r : routes) {
            if (!keys.add(List.of(r.from(), r.wire()))) {
                throw new IllegalArgumentException("two routes of wire " + r.wire() + " from " + r.from());
            }
            requirePeer(peerAddresses, r.from(), r);
            r.to().forEach(hop -> requirePeer(peerAddresses, hop, r));
        }
    }

    private static void requirePeer(Set<String> peers, GatewayHop hop, GatewayRoute route) {
        if (hop.kind() == GatewayHop.Kind.GATEWAY && !peers.contains(hop.address())) {
            throw new IllegalArgumentException("route of wire " + route.wire() + " names " + hop
                    + ", which is not among the plan's peers");
        }
    }
}
