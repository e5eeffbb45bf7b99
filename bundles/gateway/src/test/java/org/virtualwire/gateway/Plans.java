package org.virtualwire.gateway;

import java.util.Arrays;
import java.util.List;

import org.virtualwire.api.WireId;
import org.virtualwire.spi.gateway.GatewayHop;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayRoute;

/** Small builders for the plans the tests give gateways. */
final class Plans {

    private Plans() {
    }

    static GatewayRoute route(int vni, GatewayHop from, GatewayHop... to) {
        return new GatewayRoute(new WireId(vni), from, Arrays.asList(to));
    }

    static GatewayPlan plan(long revision, GatewayPeer peer, GatewayRoute... routes) {
        return new GatewayPlan(revision, peer == null ? List.of() : List.of(peer), List.of(routes));
    }

    /**
     * The plan of one side of a wire between two clouds: hosts of this side to the peer gateway, and back.
     *
     * @param peer the other gateway
     * @param vni the wire
     * @param hosts this side's hosts: the first sends, all receive (two while the end is dual-homed)
     */
    static GatewayPlan crossing(long revision, GatewayPeer peer, int vni, String... hosts) {
        GatewayHop gw = GatewayHop.gateway(peer.address());
        GatewayHop[] to = Arrays.stream(hosts).map(GatewayHop::host).toArray(GatewayHop[]::new);
        List<GatewayRoute> routes = new java.util.ArrayList<>();
        routes.add(route(vni, gw, to));
        for (String h : hosts) {
            routes.add(route(vni, GatewayHop.host(h), gw));
        }
        return new GatewayPlan(revision, List.of(peer), routes);
    }
}
