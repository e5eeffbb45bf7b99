package org.virtualwire.jmx;

import java.util.List;

/** Wires over JMX: list, connect, disconnect, counters. */
public interface WiresMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=wires,name=default";

    /** @return every wire, by id, with its hosts and status */
    List<WireInfo> getWires();

    /**
     * @param a one endpoint, guest/nic
     * @param b the other endpoint
     * @return the new wire's id (its VNI)
     * @throws IllegalArgumentException with the reason, if refused
     */
    int connect(String a, String b);

    /**
     * @param id a wire id
     * @throws IllegalArgumentException with the reason, if refused
     */
    void disconnect(int id);

    /**
     * @param id a wire id
     * @return its kernel counters at both ends
     * @throws IllegalArgumentException if the wire is unknown
     */
    WireCountersInfo counters(int id);

    /**
     * Changes return once stored; this waits until every host's agent applied them.
     *
     * @param timeoutSeconds how long to wait at most
     * @return true if applied everywhere in time
     */
    boolean awaitApplied(int timeoutSeconds);
}
