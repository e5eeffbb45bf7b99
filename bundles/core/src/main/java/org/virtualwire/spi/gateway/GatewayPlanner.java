package org.virtualwire.spi.gateway;

import org.virtualwire.api.CloudId;
import org.virtualwire.spi.Topology;

/**
 * Computes a cloud gateway's forwarding table from the desired state. Registered as an OSGi service by
 * whatever knows how clouds are joined (the core's multi-cloud topology model); a gateway uses it on start and
 * after every change of the store. It must be a pure function of its arguments: the same topology always gives
 * the same plan, so every gateway and every restart agree.
 */
public interface GatewayPlanner {

    /**
     * @param topology one version of the desired state
     * @param cloud the cloud whose gateway asks
     * @return that gateway's plan, {@link GatewayPlan#EMPTY} (with the topology's revision) when nothing crosses
     *     the cloud's border; never null
     */
    GatewayPlan plan(Topology topology, CloudId cloud);
}
