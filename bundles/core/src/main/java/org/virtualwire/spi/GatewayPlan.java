package org.virtualwire.spi;

import java.util.List;
import java.util.Map;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;

/**
 * What one cloud's gateway should forward, computed from the desired state: every rule at once, so that a
 * provider can swap its whole table atomically (during a migration a rule may name two destinations: the
 * wire is dual-homed through the gateways too).
 *
 * @param gateway the gateway host: it listens for its cloud's hosts on its underlay address and for other
 *        gateways on its public address
 * @param peers every other cloud's gateway by public address, with its cloud (keys are per pair of clouds)
 * @param routes the forwarding rules
 */
public record GatewayPlan(Host gateway, Map<String, CloudId> peers, List<GatewayRoute> routes) {
    /** Copies the collections. */
    public GatewayPlan {
        peers = Map.copyOf(peers);
        routes = List.copyOf(routes);
    }
}
