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
 */
public record Endpoint(EndpointId id, MacAddress mac, Ipv4Prefix address, int mtu, int slot, Integer requested) {
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
        return new Endpoint(id, mac, address, newMtu, slot, requested);
    }
}
