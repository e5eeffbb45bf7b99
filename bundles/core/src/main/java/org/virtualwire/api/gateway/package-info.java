/**
 * What a running cross-cloud gateway shows: its traffic counters, in total and per wire, and the revision of
 * the desired state its forwarding table was built from. Read by the console and JMX layers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.virtualwire.api.gateway;
