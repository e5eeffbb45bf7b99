package org.virtualwire.core.impl.topology;

import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Wire;

/**
 * The two ends of a wire in a fixed order, so that {@code [a, b]} and {@code [b, a]} are the same wire.
 * Topology files match wires by their ends, never by id: ids are allocated and differ between systems.
 *
 * @param low the smaller end (the endpoint, for a wire to an outside VTEP)
 * @param high the larger end, or null for a wire to an outside VTEP
 * @param outside the outside VTEP as written ({@code vxlan:ADDRESS/VNI}, its anchor left out), or null
 */
record WirePair(EndpointId low, EndpointId high, String outside) {

    /**
     * @param a one end
     * @param b the other end
     * @return the pair, in either order
     */
    static WirePair of(EndpointId a, EndpointId b) {
        return a.compareTo(b) <= 0 ? new WirePair(a, b, null) : new WirePair(b, a, null);
    }

    /**
     * @param a the endpoint
     * @param far the outside VTEP
     * @return the pair
     */
    static WirePair outside(EndpointId a, org.virtualwire.api.OutsideVtep far) {
        return new WirePair(a, null, far.toString());
    }

    /**
     * @param wire a wire
     * @return its ends
     */
    static WirePair of(Wire wire) {
        return wire.toOutside() ? outside(wire.a(), wire.outside()) : of(wire.a(), wire.b());
    }
}
