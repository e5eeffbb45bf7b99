package org.virtualwire.jmx;

import java.util.List;

/** This machine's cross-cloud gateway over JMX: whether it runs, its table's revision, its counters. */
public interface GatewayMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=gateway,name=default";

    /** @return whether a gateway runs on this machine (the others are empty or zero when not) */
    boolean isRunning();

    /** @return the cloud it serves, or an empty string */
    String getCloud();

    /** @return the desired-state revision its forwarding table was built from, or -1 */
    long getTableRevision();

    /** @return counters of all its traffic (wire -1) */
    GatewayCountersInfo getCounters();

    /** @return counters of each wire through it, by wire */
    List<GatewayCountersInfo> getWireCounters();
}
