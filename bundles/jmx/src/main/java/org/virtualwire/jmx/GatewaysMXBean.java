package org.virtualwire.jmx;

import java.util.List;

/** The running gateways and their counters: {@code org.virtualwire:type=gateways,name=default}. */
public interface GatewaysMXBean {
    /** The MBean's name. */
    String OBJECT_NAME = "org.virtualwire:type=gateways,name=default";

    /** @return each running gateway's totals */
    List<GatewayInfo> getGateways();

    /**
     * @param gateway a gateway's name, as {@link #getGateways()} lists it
     * @return one entry per wire through it
     * @throws IllegalArgumentException if no such gateway runs
     */
    List<GatewayInfo> wireCounters(String gateway);
}
