package org.virtualwire.jmx;

import java.util.List;

/** Endpoints (guest NICs) over JMX. */
public interface EndpointsMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=endpoints,name=default";

    /** @return every endpoint, by id, with the wire plugged into it */
    List<EndpointInfo> getEndpoints();

    /**
     * Adds a NIC with the default MTU.
     *
     * @param id guest/nic, e.g. web1/eth0
     * @param mac its MAC address; empty or null to generate one
     * @param ip its IPv4 address/prefix, e.g. 10.99.0.1/24; empty or null for none
     * @return the endpoint
     * @throws IllegalArgumentException with the reason, if refused
     */
    EndpointInfo addEndpoint(String id, String mac, String ip);

    /**
     * Adds a NIC that carries its guest's default route.
     *
     * @param id guest/nic
     * @param mac its MAC address; empty or null to generate one
     * @param ip its IPv4 address/prefix
     * @param gateway the default route's next hop, in the NIC's subnet; empty or null for none
     * @return the endpoint
     * @throws IllegalArgumentException with the reason, if refused
     */
    EndpointInfo addEndpointWithGateway(String id, String mac, String ip, String gateway);

    /**
     * @param id an endpoint without a wire
     * @throws IllegalArgumentException with the reason, if refused
     */
    void removeEndpoint(String id);
}
