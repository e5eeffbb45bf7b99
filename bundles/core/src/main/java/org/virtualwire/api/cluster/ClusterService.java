package org.virtualwire.api.cluster;

/**
 * The state of the controllers and agents that share one replicated store. Provided by a replicated store
 * (ZooKeeper's) only: with the embedded file store there is no cluster, this appliance is its only controller.
 */
public interface ClusterService {
    /** @return the store, the controllers and the agents as they are now */
    ClusterStatus status();
}
