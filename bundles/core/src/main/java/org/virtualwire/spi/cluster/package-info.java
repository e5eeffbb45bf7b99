/**
 * The controller's role among several controllers of one replicated store ({@link
 * org.virtualwire.spi.cluster.ControllerRole}). Absent (the embedded file store), the controller always leads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.virtualwire.spi.cluster;
