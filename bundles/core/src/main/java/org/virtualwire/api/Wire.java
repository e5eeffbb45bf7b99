package org.virtualwire.api;

/**
 * A point-to-point layer-2 link between two endpoints.
 *
 * @param id its number, also its VNI
 * @param a one end
 * @param b the other end
 * @param tunnel the tunnel protocol that carries it between hosts, e.g. {@code vxlan}
 */
public record Wire(WireId id, EndpointId a, EndpointId b, String tunnel) {
    /**
     * @param e an endpoint
     * @return whether e is one of the two ends
     */
    public boolean touches(EndpointId e) {
        return a.equals(e) || b.equals(e);
    }

    /**
     * @param e one end
     * @return the other end
     */
    public EndpointId peerOf(EndpointId e) {
        return a.equals(e) ? b : a;
    }
}
