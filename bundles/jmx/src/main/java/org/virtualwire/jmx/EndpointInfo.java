package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.Endpoint;

/** An endpoint (guest NIC) as JMX shows it. */
public final class EndpointInfo {
    private final String gateway;
    private final String id;
    private final String mac;
    private final String ip;
    private final int mtu;
    private final Integer wire;

    /**
     * @param id guest/nic
     * @param mac its MAC address
     * @param ip its IPv4 address/prefix, or null
     * @param mtu its MTU
     * @param wire the id of the wire plugged into it, or null
     * @param gateway its guest's default route's next hop, or null
     */
    @ConstructorParameters({"id", "mac", "ip", "mtu", "wire", "gateway"})
    public EndpointInfo(String id, String mac, String ip, int mtu, Integer wire, String gateway) {
        this.gateway = gateway;
        this.id = id;
        this.mac = mac;
        this.ip = ip;
        this.mtu = mtu;
        this.wire = wire;
    }

    static EndpointInfo of(Endpoint e, Integer wire) {
        return new EndpointInfo(e.id().toString(), e.mac().toString(),
                e.address() == null ? null : e.address().toString(), e.mtu(), wire, e.gateway());
    }

    /** @return its guest's default route's next hop, or null */
    public String getGateway() { return gateway; }

    /** @return guest/nic */
    public String getId() { return id; }
    /** @return its MAC address */
    public String getMac() { return mac; }
    /** @return its IPv4 address/prefix, or null */
    public String getIp() { return ip; }
    /** @return its MTU */
    public int getMtu() { return mtu; }
    /** @return the wire plugged into it, or null */
    public Integer getWire() { return wire; }
}
