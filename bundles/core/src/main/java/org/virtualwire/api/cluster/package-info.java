/**
 * Several controllers over one replicated store: who leads, how far each host's agent is behind the desired
 * state ({@link org.virtualwire.api.cluster.ClusterService}), and moving the desired state between stores
 * ({@link org.virtualwire.api.cluster.StoreTransferService}). Read by the console and JMX layers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.virtualwire.api.cluster;
