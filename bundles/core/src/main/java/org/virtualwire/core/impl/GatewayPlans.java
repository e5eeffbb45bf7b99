package org.virtualwire.core.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.gateway.GatewayHop;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayPlanner;
import org.virtualwire.spi.gateway.GatewayRoute;

/**
 * Computes a gateway's forwarding rules from the desired state. For each direction of each wire, frames
 * leave every host where the sending end is present and must reach every host its peer's frames go to
 * ({@link Topology#sendTo}); a pair of hosts in two clouds gives a rule at each end: at the sender's
 * gateway, "from that host, to the receiver's gateway"; at the receiver's gateway, "from the sender's
 * gateway, to that host".
 */
final class GatewayPlans implements GatewayPlanner {
    /** The UDP port between gateways; a provider may use another one for the gateways it runs. */
    static final int PUBLIC_PORT = 4889;

    @Override
    public GatewayPlan plan(Topology topology, CloudId cloud) {
        return Host.gatewayOf(topology.hosts().values(), cloud).map(g -> of(topology, g))
                .orElse(new GatewayPlan(topology.revision(), List.of(), List.of()));
    }

    static GatewayPlan of(Topology t, Host gateway) {
        CloudId cloud = gateway.cloud();
        List<GatewayPeer> peers = new ArrayList<>();
        t.hosts().values().stream().filter(h -> h.gateway() && !h.cloud().equals(cloud))
                .forEach(h -> peers.add(new GatewayPeer(h.publicAddress(), PUBLIC_PORT, true)));
        Map<CloudId, Host> gateways = new HashMap<>();
        t.hosts().values().stream().filter(Host::gateway).forEach(h -> gateways.putIfAbsent(h.cloud(), h));
        Map<Key, Targets> rules = new LinkedHashMap<>();
        for (Wire w : t.wires().values()) {
            if (w.toOutside()) {
                continue; // its far end is on the near end's own underlay
            }
            direction(t, gateways, cloud, w, w.a(), w.b(), rules);
            direction(t, gateways, cloud, w, w.b(), w.a(), rules);
        }
        List<GatewayRoute> routes = new ArrayList<>();
        rules.forEach((k, v) -> {
            List<GatewayHop> to = new ArrayList<>();
            v.hosts.forEach(h -> to.add(GatewayHop.host(h)));
            v.gateways.forEach(g -> to.add(GatewayHop.gateway(g)));
            routes.add(new GatewayRoute(k.wire, k.fromGateway ? GatewayHop.gateway(k.sender) : GatewayHop.host(k.sender), to));
        });
        return new GatewayPlan(t.revision(), peers, routes);
    }

    private static void direction(Topology t, Map<CloudId, Host> gateways, CloudId cloud, Wire w, EndpointId end,
            EndpointId peer, Map<Key, Targets> rules) {
        for (HostId from : presentOn(t, end)) {
            Host sender = t.hosts().get(from);
            for (HostId to : t.sendTo(peer.guest())) {
                Host receiver = t.hosts().get(to);
                if (sender.cloud().equals(receiver.cloud())) {
                    continue;
                }
                Host senderGateway = gateways.get(sender.cloud());
                Host receiverGateway = gateways.get(receiver.cloud());
                if (senderGateway == null || receiverGateway == null) {
                    continue; // refused when asked for; nothing to forward
                }
                if (sender.cloud().equals(cloud)) {
                    rules.computeIfAbsent(new Key(sender.underlayAddress(), false, w.id()), k -> new Targets())
                            .gateways.add(receiverGateway.publicAddress());
                } else if (receiver.cloud().equals(cloud)) {
                    rules.computeIfAbsent(new Key(senderGateway.publicAddress(), true, w.id()), k -> new Targets())
                            .hosts.add(receiver.underlayAddress());
                }
            }
        }
    }

    /** @return the hosts where an endpoint's guest is present: where it runs and where it arrives */
    static List<HostId> presentOn(Topology t, EndpointId e) {
        List<HostId> on = new ArrayList<>();
        on.add(t.guests().get(e.guest()).host());
        t.incomingAt(e.guest()).ifPresent(on::add);
        return on;
    }

    private record Key(String sender, boolean fromGateway, WireId wire) {
    }

    private static final class Targets {
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> gateways = new LinkedHashSet<>();
    }
}
