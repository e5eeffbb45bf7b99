package org.virtualwire.core.impl.topology;

import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Wire;

/**
 * The two ends of a wire in a fixed order, so that {@code [a, b]} and {@code [b, a]} are the same wire.
 * Topology files match wires by their ends, never by id: ids are allocated and differ between systems.
 *
 * @param low the smaller end
 * @param high the larger end
 */
record WirePair(EndpointId low, EndpointId high) {

    /**
     * @param a one end
     * @param b the other end
     * @return the pair, in either order
     */
    static WirePair of(EndpointId a, EndpointId b) {
        return a.compareTo(b) <= 0 ? new WirePair(a, b) : new WirePair(b, a);
    }

    /**
     * @param wire a wire
     * @return its ends
     */
    static WirePair of(Wire wire) {
        return of(wire.a(), wire.b());
    }
}
