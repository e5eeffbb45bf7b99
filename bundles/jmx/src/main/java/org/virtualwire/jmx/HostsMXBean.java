package org.virtualwire.jmx;

import java.util.List;

/** Hosts over JMX. */
public interface HostsMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=hosts,name=default";

    /** @return every host, by name, with its agent's status */
    List<HostInfo> getHosts();

    /**
     * Provisions a host through its cloud's driver, which chooses its underlay address.
     *
     * @param name the new host's name
     * @param cloud its cloud; empty or null means {@code local}
     * @return the host
     * @throws IllegalArgumentException with the reason, if refused
     */
    HostInfo addHost(String name, String cloud);

    /**
     * @param name a host without guests
     * @throws IllegalArgumentException with the reason, if refused
     */
    void removeHost(String name);
}
