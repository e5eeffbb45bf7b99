package org.virtualwire.core.impl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Topology;

/**
 * The MTU of each L2 segment: the NICs that one frame can reach without being routed, i.e. the two ends of a
 * wire and, through a switch, all the switch's NICs and everything wired to them (switches chained too). A
 * frame larger than the receiving NIC's MTU is dropped by the kernel without a word, so all NICs of a segment
 * get one MTU: the smallest of its wires' paths and of its NICs' ceilings (the MTU the user gave a NIC; a
 * NIC's own cloud's default otherwise; a VM's MTU, which a running VM cannot change). A router's and a
 * container's NICs are interfaces of their own (they route, fragment or answer "fragmentation needed"), so
 * they bound the segment they sit on and nothing beyond it. The MTU follows the paths both ways: it falls
 * when a wire or a move narrows a path and rises, up to the ceilings, when the narrow path goes.
 *
 * @param path the MTU of wires' paths
 * @param defaultMtu a NIC's MTU when the user gave none: what its own cloud's underlay carries
 */
record SegmentMtu(PathMtu path, ToIntFunction<Endpoint> defaultMtu) {

    /**
     * @param t the desired state
     * @param scope NICs whose segments to size (other segments are left as they are), each with the request that
     *        touched it, for a refusal, or null where none can be refused (a path widened): a segment is sized for
     *        the first request of its NICs that can be refused; where there is none, a VM that cannot take its
     *        segment's MTU keeps its own
     * @return the new MTU of each NIC of the scope's segments whose MTU changes
     * @throws VirtualWireException naming a VM NIC whose segment became narrower than its MTU
     */
    Map<EndpointId, Integer> fit(Topology t, Map<EndpointId, String> scope) {
        Map<EndpointId, Wire> wireOf = new HashMap<>();
        Map<EndpointId, WireId> wireIdOf = new HashMap<>();
        t.wires().values().forEach(w -> {
            wireOf.put(w.a(), w);
            wireIdOf.put(w.a(), w.id());
            if (w.b() != null) {
                wireOf.put(w.b(), w);
                wireIdOf.put(w.b(), w.id());
            }
        });
        Segments segments = new Segments(new TreeMap<>(t.endpoints()), wireIdOf, t.wires(),
                g -> t.guests().get(g).kind() == GuestKind.SWITCH);
        Map<EndpointId, Integer> changes = new HashMap<>();
        Set<EndpointId> done = new HashSet<>();
        for (EndpointId start : scope.keySet()) {
            if (!done.contains(start) && t.endpoints().containsKey(start)) {
                Set<EndpointId> segment = segments.of(start);
                done.addAll(segment);
                String what = segment.stream().map(scope::get).filter(Objects::nonNull).findFirst().orElse(null);
                size(t, segment, wireOf, what, changes);
            }
        }
        return changes;
    }

    private void size(Topology t, Set<EndpointId> segment, Map<EndpointId, Wire> wireOf, String what,
            Map<EndpointId, Integer> changes) {
        int mtu = Integer.MAX_VALUE;
        String narrowest = null;
        for (Wire w : new LinkedHashSet<>(segment.stream().filter(wireOf::containsKey).map(wireOf::get).toList())) {
            int p = path.of(t, w);
            if (p < mtu) {
                mtu = p;
                narrowest = "the path of wire " + w.id() + " (" + w.a() + " - " + w.farEnd() + ") carries " + p + " bytes";
            }
        }
        for (EndpointId id : segment) {
            Endpoint e = t.endpoints().get(id);
            if (!vm(t, id)) {
                int ceiling = e.requested() != null ? e.requested() : defaultMtu.applyAsInt(e);
                if (ceiling < mtu) {
                    mtu = ceiling;
                    narrowest = "NIC " + id + " takes at most " + ceiling + " bytes";
                }
            }
        }
        int fitted = mtu;
        for (EndpointId id : segment) {
            Endpoint e = t.endpoints().get(id);
            if (vm(t, id) && e.mtu() > mtu) {
                if (what != null) {
                    throw new VirtualWireException("mtu", what + ": " + narrowest + " on the L2 segment of VM NIC "
                            + id + ", whose MTU " + e.mtu() + " a running VM cannot change; give the NIC an MTU of "
                            + mtu + " or less");
                }
            } else if (vm(t, id)) {
                fitted = Math.min(fitted, e.mtu()); // a VM's NIC keeps its MTU: the segment takes the smaller
            }
        }
        for (EndpointId id : segment) {
            Endpoint e = t.endpoints().get(id);
            if (!vm(t, id) && e.mtu() != fitted) {
                changes.put(id, fitted);
            }
        }
    }

    private static boolean vm(Topology t, EndpointId e) {
        return t.guests().get(e.guest()).kind() == GuestKind.VM;
    }
}
