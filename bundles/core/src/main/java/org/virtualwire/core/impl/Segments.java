package org.virtualwire.core.impl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;

/**
 * The L2 segments of a topology: NICs that hear each other's broadcasts, because a wire joins them or a
 * switch bridges them (a router and a container join nothing). Two NICs of one segment must not have one IPv4
 * address: ARP answers come from both and traffic goes to either.
 */
final class Segments {
    private final NavigableMap<EndpointId, Endpoint> endpoints;
    private final Map<EndpointId, WireId> wireOf;
    private final Map<WireId, Wire> wires;
    private final Predicate<GuestId> bridges;

    /**
     * @param bridges whether a guest bridges its NICs (a switch)
     */
    Segments(NavigableMap<EndpointId, Endpoint> endpoints, Map<EndpointId, WireId> wireOf, Map<WireId, Wire> wires,
            Predicate<GuestId> bridges) {
        this.endpoints = endpoints;
        this.wireOf = wireOf;
        this.wires = wires;
        this.bridges = bridges;
    }

    /** @return the NICs of the segment a NIC is in, itself included, in the order they were reached */
    Set<EndpointId> of(EndpointId start) {
        Set<EndpointId> seen = new LinkedHashSet<>();
        Deque<EndpointId> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            EndpointId e = todo.poll();
            if (!seen.add(e)) {
                continue;
            }
            WireId w = wireOf.get(e);
            if (w != null && !wires.get(w).toOutside()) {
                Wire wire = wires.get(w);
                todo.add(wire.a().equals(e) ? wire.b() : wire.a());
            }
            if (bridges.test(e.guest())) {
                // the guest's NICs sort together, from the smallest name a NIC can have
                for (EndpointId sibling : endpoints.tailMap(new EndpointId(e.guest(), "a"), true).keySet()) {
                    if (!sibling.guest().equals(e.guest())) {
                        break;
                    }
                    todo.add(sibling);
                }
            }
        }
        return seen;
    }

    /**
     * @return two NICs, one of each segment, that have one address, if there are: what joining the two
     *         segments by a wire would put on one segment
     */
    Optional<List<EndpointId>> duplicate(Set<EndpointId> one, Set<EndpointId> other) {
        Map<Integer, EndpointId> byAddress = new HashMap<>();
        for (EndpointId e : one) {
            Endpoint n = endpoints.get(e);
            if (n != null && n.address() != null) {
                byAddress.putIfAbsent(n.address().value(), e);
            }
        }
        for (EndpointId e : other) {
            Endpoint n = endpoints.get(e);
            EndpointId same = n == null || n.address() == null || one.contains(e) ? null
                    : byAddress.get(n.address().value());
            if (same != null) {
                return Optional.of(List.of(same, e));
            }
        }
        return Optional.empty();
    }

    /** @return a NIC of the segment with the new NIC's address, if there is one */
    Optional<EndpointId> sameAddress(Set<EndpointId> segment, Endpoint added) {
        return segment.stream().filter(e -> {
            Endpoint n = endpoints.get(e);
            return n != null && n.address() != null && n.address().value() == added.address().value();
        }).findFirst();
    }
}
