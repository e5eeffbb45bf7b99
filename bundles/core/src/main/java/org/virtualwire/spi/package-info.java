/**
 * Plug-in points of VirtualWire: the store of desired state ({@link org.virtualwire.spi.WireStore}), cloud
 * drivers ({@link org.virtualwire.spi.CloudDriver}, which provision hosts), host runtimes
 * ({@link org.virtualwire.spi.HostRuntime}, what runs on a host) and tunnel protocols
 * ({@link org.virtualwire.spi.TunnelProvider}). Drivers and tunnels register as OSGi services; the core
 * picks them up and drops them as they come and go.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package org.virtualwire.spi;
