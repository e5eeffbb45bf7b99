package org.virtualwire.spi;

import org.virtualwire.api.WireId;

/**
 * One tunnel protocol that carries wires between hosts. Registered as an OSGi service; the core uses it
 * for every wire whose {@link org.virtualwire.api.Wire#tunnel()} equals {@link #protocol()}.
 */
public interface TunnelProvider {
    /** @return the protocol's name, e.g. {@code vxlan} */
    String protocol();

    /** @return bytes the encapsulation adds to each frame on the underlay */
    int overhead();

    /**
     * Checks cheaply that the wire ends {@link #reconcile} made for a plan are still there (called on agent
     * passes whose plan was applied already, see {@link HostRuntime#verify}); when it throws, the plan is applied
     * again.
     *
     * @param plan a plan that {@link #reconcile} applied before
     * @throws Exception naming what is missing
     */
    default void verify(TunnelPlan plan) throws Exception {
    }

    /**
     * Makes the host's wire ends of this protocol exactly those planned: creates what is missing, removes
     * what is not listed, leaves what is right untouched (so traffic on it is never interrupted).
     *
     * @param plan the host's wire ends
     * @throws Exception if the plan could not be applied in full (it will be tried again)
     */
    void reconcile(TunnelPlan plan) throws Exception;

    /**
     * Frames of a wire that reached a host from an underlay address that is not the wire's far end (nor, while
     * it moves, one of its two), and were dropped: what someone else on the underlay tried to put on the wire.
     *
     * @param netns the network namespace of the host's devices, or null for the current one
     * @param wire the wire
     * @return the frames dropped there since the host's wire ends were made; 0 if the protocol does not filter
     * @throws Exception if the count could not be read
     */
    default long filtered(String netns, WireId wire) throws Exception {
        return 0;
    }
}
