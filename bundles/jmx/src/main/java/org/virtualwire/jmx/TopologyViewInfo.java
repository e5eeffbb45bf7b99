package org.virtualwire.jmx;

import java.util.List;

import javax.management.ConstructorParameters;

/** The whole topology as one JSON object through Jolokia: {@link ViewMXBean#getTopology()}. */
public final class TopologyViewInfo {
    private final List<String> clouds;
    private final List<HostInfo> hosts;
    private final List<GuestInfo> guests;
    private final List<EndpointInfo> endpoints;
    private final List<WireViewInfo> wires;

    /**
     * @param clouds cloud names
     * @param hosts hosts and gateways (a gateway has a public address)
     * @param guests guests
     * @param endpoints NICs
     * @param wires wires, with hosts, MTU and status
     */
    @ConstructorParameters({"clouds", "hosts", "guests", "endpoints", "wires"})
    public TopologyViewInfo(List<String> clouds, List<HostInfo> hosts, List<GuestInfo> guests, List<EndpointInfo> endpoints,
            List<WireViewInfo> wires) {
        this.clouds = List.copyOf(clouds);
        this.hosts = List.copyOf(hosts);
        this.guests = List.copyOf(guests);
        this.endpoints = List.copyOf(endpoints);
        this.wires = List.copyOf(wires);
    }

    /** @return cloud names */
    public List<String> getClouds() { return clouds; }
    /** @return hosts and gateways */
    public List<HostInfo> getHosts() { return hosts; }
    /** @return guests */
    public List<GuestInfo> getGuests() { return guests; }
    /** @return NICs */
    public List<EndpointInfo> getEndpoints() { return endpoints; }
    /** @return wires */
    public List<WireViewInfo> getWires() { return wires; }
}
