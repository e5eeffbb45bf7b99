package org.virtualwire.core.impl;

import org.osgi.service.component.annotations.Component;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayPlanner;

/**
 * Offers the core's gateway routing as a service, for a gateway that runs on a machine of its own and follows
 * the store itself (the appliance's own gateways get their plans from their hosts' agents).
 */
@Component(service = GatewayPlanner.class)
public class GatewayPlannerService implements GatewayPlanner {
    private final GatewayPlans plans = new GatewayPlans();

    @Override
    public GatewayPlan plan(Topology topology, CloudId cloud) {
        return plans.plan(topology, cloud);
    }
}
