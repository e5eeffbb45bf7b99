package org.virtualwire.api;

/**
 * A point-to-point layer-2 link between two endpoints, or between an endpoint and an outside VXLAN endpoint.
 *
 * @param id its number, also its VNI
 * @param a one end
 * @param b the other end; null for a wire to an outside VTEP
 * @param tunnel the tunnel protocol that carries it between hosts, e.g. {@code vxlan}
 * @param outside the far end when it is an outside VTEP (then {@code id} is its VNI), else null
 */
public record Wire(WireId id, EndpointId a, EndpointId b, String tunnel, OutsideVtep outside) {
    /** Exactly one far end: an endpoint or an outside VTEP. */
    public Wire {
        if ((b == null) == (outside == null)) {
            throw new IllegalArgumentException("a wire's far end is an endpoint or an outside VTEP, one of the two");
        }
    }

    /**
     * A wire between two endpoints.
     *
     * @param id its number, also its VNI
     * @param a one end
     * @param b the other end
     * @param tunnel the tunnel protocol
     */
    public Wire(WireId id, EndpointId a, EndpointId b, String tunnel) {
        this(id, a, b, tunnel, null);
    }

    /** @return whether its far end is an outside VTEP */
    public boolean toOutside() {
        return outside != null;
    }

    /** @return its endpoints: two, or one for a wire to an outside VTEP */
    public java.util.List<EndpointId> ends() {
        return b == null ? java.util.List.of(a) : java.util.List.of(a, b);
    }

    /** @return the far end as written: {@code guest/nic} or {@code vxlan:ADDRESS/VNI} */
    public String farEnd() {
        return b == null ? outside.toString() : b.toString();
    }

    /**
     * @param e an endpoint
     * @return whether e is one of the two ends
     */
    public boolean touches(EndpointId e) {
        return a.equals(e) || e.equals(b);
    }

    /**
     * @param e one end
     * @return the other end (null for the endpoint of a wire to an outside VTEP)
     */
    public EndpointId peerOf(EndpointId e) {
        return a.equals(e) ? b : a;
    }
}
