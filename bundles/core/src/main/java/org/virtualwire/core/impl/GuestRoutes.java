package org.virtualwire.core.impl;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.Route;
import org.virtualwire.api.VirtualWireException;

/**
 * What a guest's routes must be: only containers and routers have them (a switch has no addresses, a VM sets its
 * own), one route per prefix, one NIC per guest with a gateway (the default route), a gateway in its NIC's subnet
 * and not the NIC's own address, and at the end of each request every route's next hop in the subnet of one of the
 * guest's NICs (the kernel refuses a next hop it cannot reach on a link).
 */
final class GuestRoutes {
    private GuestRoutes() {
    }

    static void check(GuestId id, GuestKind kind, List<Route> routes) {
        if (routes == null || routes.isEmpty()) {
            return;
        }
        routable(id, kind, "routes");
        Set<Ipv4Prefix> seen = new HashSet<>();
        for (Route r : routes) {
            if (!seen.add(r.prefix())) {
                throw new VirtualWireException("routes", "guest " + id + " has two routes to " + r.prefix());
            }
        }
    }

    /** @return the NIC's gateway, checked, or null for none */
    static String gateway(Guest guest, EndpointId nic, Ipv4Prefix ip, String gateway, Collection<Endpoint> endpoints) {
        if (gateway == null || gateway.isBlank()) {
            return null;
        }
        routable(guest.id(), guest.kind(), "gateway");
        String via = Ipv4Prefix.fromInt(Ipv4Prefix.toInt(gateway.trim()));
        if (ip == null) {
            throw new VirtualWireException("gateway", "NIC " + nic + " has no address: a gateway " + via
                    + " needs one in its subnet (give the NIC an ip)");
        }
        int v = Ipv4Prefix.toInt(via);
        if (!ip.contains(v) || v == ip.value()) {
            throw new VirtualWireException("gateway", "gateway " + via + " of NIC " + nic + " must be another address "
                    + "in its subnet " + Ipv4Prefix.fromInt(ip.network()) + "/" + ip.length());
        }
        endpoints.stream().filter(e -> e.id().guest().equals(guest.id()) && e.gateway() != null).findFirst()
                .ifPresent(e -> {
                    throw new VirtualWireException("gateway", "guest " + guest.id() + " has a gateway already ("
                            + e.gateway() + " on " + e.id() + "): one default route per guest");
                });
        return via;
    }

    /** Every guest's routes reach their next hops through its NICs as the request leaves them. */
    static void checkNextHops(ChangeSet changes) {
        for (Guest g : changes.guests().values()) {
            for (Route r : g.routes()) {
                int via = Ipv4Prefix.toInt(r.via());
                // a guest's NICs sort together, from the smallest name a NIC can have
                boolean onLink = changes.endpoints().tailMap(new EndpointId(g.id(), "a"), true).values().stream()
                        .takeWhile(e -> e.id().guest().equals(g.id()))
                        .anyMatch(e -> e.address() != null && e.address().contains(via) && e.address().value() != via);
                if (!onLink) {
                    throw new VirtualWireException("routes", "route " + r + " of guest " + g.id() + ": next hop "
                            + r.via() + " is in the subnet of none of its NICs (give it a NIC there)");
                }
            }
        }
    }

    private static void routable(GuestId id, GuestKind kind, String field) {
        if (kind != GuestKind.CONTAINER && kind != GuestKind.ROUTER) {
            throw new VirtualWireException(field, "guest " + id + " is a " + kind.label() + ": only containers and "
                    + "routers take " + field + (kind == GuestKind.VM ? " (a VM sets its own)" : " (a switch has no addresses)"));
        }
    }
}
