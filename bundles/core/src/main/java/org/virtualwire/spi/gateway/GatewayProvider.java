package org.virtualwire.spi.gateway;

import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.spi.NetworkScope;

/**
 * Runs the gateways of the clouds whose gateway hosts this appliance manages (the local cloud's gateways are
 * namespaces of this machine). Registered as an OSGi service; each gateway host's agent gives it the host's
 * plan after every change, so a restarted appliance rebuilds every table from the store.
 */
public interface GatewayProvider {
    /** @return bytes a frame grows by between two gateways, beyond the tunnel's own encapsulation */
    int overhead();

    /**
     * Starts the gateway if needed (its sockets opened inside {@code network}, on the host's underlay and
     * public addresses) and makes its forwarding table exactly the plan's, swapped at once.
     *
     * @param gateway the gateway host
     * @param plan its table, computed from the desired state
     * @param network the gateway host's network
     * @throws Exception if the plan could not be applied (it will be tried again)
     */
    void reconcile(Host gateway, GatewayPlan plan, NetworkScope network) throws Exception;

    /**
     * Stops a gateway and closes its sockets.
     *
     * @param gateway a gateway host
     */
    void release(HostId gateway);
}
