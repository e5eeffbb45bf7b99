package org.virtualwire.jmx;

import java.util.List;

/**
 * What a picture of the network needs, in few reads: the topology page polls these (feature virtualwire-web).
 * Read-only, so a viewer may read them ({@code get*} in {@code etc/jmx.acl.org.virtualwire.cfg}).
 */
public interface ViewMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=view,name=default";

    /**
     * @return clouds, hosts, guests, NICs and wires with their MTU and status; the wires with their hosts, MTU and
     *         status come from one revision of the desired state, the rest is read right after it
     */
    TopologyViewInfo getTopology();

    /** @return every wire's kernel counters at both ends (a wire whose counters cannot be read is left out) */
    List<WireCountersInfo> getCounters();
}
