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
     * Like {@link #addHost(String, String)} with the underlay address chosen by the caller, as
     * {@code vw:host-add --address} does. A name of its own, not an overload: Jolokia refuses to call an
     * overloaded operation without a signature, which would break every client of {@code addHost}.
     *
     * @param name the new host's name
     * @param cloud its cloud; empty or null means {@code local}
     * @param address its underlay address; empty or null lets the driver choose
     * @return the host
     * @throws IllegalArgumentException with the reason, if refused (e.g. the address is used by another host)
     */
    HostInfo addHostWithAddress(String name, String cloud, String address);

    /**
     * Adds a cloud's gateway: a host that relays the cloud's wires to other clouds and runs no guests.
     *
     * @param name the new gateway's name
     * @param cloud its cloud; empty or null means {@code local}
     * @param publicAddress its address on the network between clouds
     * @return the gateway host
     * @throws IllegalArgumentException with the reason, if refused
     */
    HostInfo addGateway(String name, String cloud, String publicAddress);

    /**
     * @param name a host without guests
     * @throws IllegalArgumentException with the reason, if refused
     */
    void removeHost(String name);
}
