package org.virtualwire.spi;

import org.virtualwire.api.HostId;

/**
 * The relay that runs a cloud's gateway. Registered as an OSGi service; the core feeds it each gateway
 * host's plan.
 */
public interface GatewayProvider {
    /** @return bytes a frame grows by between two gateways, beyond the tunnel's own encapsulation */
    int overhead();

    /**
     * Starts the gateway if needed (its sockets opened inside {@code network}) and makes its forwarding
     * table exactly the plan's, swapped at once.
     *
     * @param plan the gateway's plan
     * @param network the gateway host's network
     * @throws Exception if the plan could not be applied (it will be tried again)
     */
    void reconcile(GatewayPlan plan, NetworkScope network) throws Exception;

    /**
     * Stops a gateway and closes its sockets.
     *
     * @param gateway a gateway host
     */
    void release(HostId gateway);
}
