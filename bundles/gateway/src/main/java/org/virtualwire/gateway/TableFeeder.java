package org.virtualwire.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.StoreListener;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayPlanner;

/**
 * Keeps a gateway's table equal to the desired state: the plan of the store's current state on start (so a
 * restarted gateway rebuilds its table and loses no wire), then a new plan after every commit. Plans of older
 * revisions than the one applied are ignored; a plan that fails leaves the table as it was. While no planner is
 * registered the table stays as it is (traffic keeps flowing by the last plan); a planner that arrives gets the
 * current state at once.
 */
final class TableFeeder implements StoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(TableFeeder.class);

    private final WireStore store;
    private GatewayPlanner planner;
    private final CloudId cloud;
    private final Gateway gateway;
    private long applied = -1;

    TableFeeder(WireStore store, GatewayPlanner planner, CloudId cloud, Gateway gateway) {
        this.store = store;
        this.planner = planner;
        this.cloud = cloud;
        this.gateway = gateway;
    }

    /** Uses {@code next} (or none, if null) from now on, starting with the current state. */
    synchronized void planner(GatewayPlanner next) {
        if (next == null) {
            LOG.info("gateway of {}: no gateway planner registered; the table stays at revision {}", cloud,
                    gateway.tableRevision());
        }
        planner = next;
        applied = -1;
        update(store.current());
    }

    /** Applies the current state's plan and follows the store from now on. */
    void start() {
        store.addListener(this);
        update(store.current());
    }

    void stop() {
        store.removeListener(this);
    }

    @Override
    public void changed(Topology before, Topology after) {
        update(after);
    }

    private synchronized void update(Topology topology) {
        if (topology.revision() < applied) {
            return;
        }
        if (planner == null) {
            LOG.debug("gateway of {}: no planner; the table stays at revision {}", cloud, gateway.tableRevision());
            return;
        }
        try {
            GatewayPlan plan = planner.plan(topology, cloud);
            gateway.apply(plan);
            applied = topology.revision();
            LOG.debug("gateway of {}: table of revision {}, {} routes", cloud, applied, plan.routes().size());
        } catch (RuntimeException e) {
            LOG.error("gateway of {}: the plan of revision {} was not applied, the table stays at revision {}: {}",
                    cloud, topology.revision(), applied, e.getMessage());
        }
    }
}
