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
     * @param b the other endpoint, or an outside VTEP {@code vxlan:ADDRESS/VNI} (the wire's id is then the VNI;
     *        the anchor it sends to is in {@link #getWires()})
     * @return the new wire's id (its VNI)
     * @throws IllegalArgumentException with the reason, if refused
     */
    int connect(String a, String b);

    /**
     * @param id a wire id, 1 to 16777215. A string, so that what is not one ({@code "abc"}, {@code 2147483648},
     *        null) reaches VirtualWire and is refused naming the id: with an {@code int} parameter, Jolokia's
     *        conversion threw a bare NumberFormatException first. JSON numbers are taken as before.
     * @throws IllegalArgumentException with the reason, if refused
     */
    void disconnect(String id);

    /**
     * @param id a wire id, as for {@link #disconnect(String)}
     * @return its kernel counters at both ends
     * @throws IllegalArgumentException if the wire is unknown or the id is not one
     */
    WireCountersInfo counters(String id);

    /**
     * Changes return once stored; this waits until every host's agent applied them.
     *
     * @param timeoutSeconds how long to wait at most
     * @return true if applied everywhere in time
     */
    boolean awaitApplied(int timeoutSeconds);
}
