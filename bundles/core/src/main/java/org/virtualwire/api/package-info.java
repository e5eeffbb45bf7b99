/**
 * The VirtualWire API: the model (clouds, hosts, guests, endpoints, wires), its queries and listeners
 * ({@link org.virtualwire.api.WireService}) and its changes ({@link org.virtualwire.api.WireAdminService}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.virtualwire.api;
