package org.virtualwire.api;

/**
 * One NIC of a guest.
 *
 * @param id {@code guest/nic}
 * @param mac its Ethernet address
 * @param address its IPv4 address and prefix, or null for none
 * @param mtu its MTU now: the MTU of its L2 segment (see the README, "Several clouds, gateways and MTU")
 * @param slot a number unique among all endpoints, which names the NIC's kernel objects on its host
 * @param requested the MTU the user gave it, a ceiling its MTU never exceeds; null when none was given (its
 *        MTU is then what its path carries)
 * @param gateway the guest's default route through this NIC: a next hop in the NIC's subnet, or null for none
 */
public record Endpoint(EndpointId id, MacAddress mac, Ipv4Prefix address, int mtu, int slot, Integer requested,
        String gateway) {
    /** Writes the gateway the one way. */
    public Endpoint {
        gateway = gateway == null ? null : Ipv4Prefix.fromInt(Ipv4Prefix.toInt(gateway.trim()));
    }

    /**
     * A NIC without a gateway.
     *
     * @param id {@code guest/nic}
     * @param mac its Ethernet address
     * @param address its IPv4 address and prefix, or null for none
     * @param mtu its MTU now
     * @param slot a number unique among all endpoints
     * @param requested the MTU the user gave it, or null
     */
    public Endpoint(EndpointId id, MacAddress mac, Ipv4Prefix address, int mtu, int slot, Integer requested) {
        this(id, mac, address, mtu, slot, requested, null);
    }

    /**
     * A NIC whose MTU is also its ceiling (as every NIC was before the ceiling was kept apart).
     *
     * @param id {@code guest/nic}
     * @param mac its Ethernet address
     * @param address its IPv4 address and prefix, or null for none
     * @param mtu its MTU, and the most it may get
     * @param slot a number unique among all endpoints
     */
    public Endpoint(EndpointId id, MacAddress mac, Ipv4Prefix address, int mtu, int slot) {
        this(id, mac, address, mtu, slot, mtu);
    }

    /**
     * @param newMtu the MTU it gets
     * @return this NIC with another MTU, its ceiling kept
     */
    public Endpoint withMtu(int newMtu) {
        return new Endpoint(id, mac, address, newMtu, slot, requested, gateway);
    }
}
