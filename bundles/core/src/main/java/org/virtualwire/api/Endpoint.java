package org.virtualwire.api;

/**
 * One NIC of a guest.
 *
 * @param id {@code guest/nic}
 * @param mac its Ethernet address
 * @param address its IPv4 address and prefix, or null for none
 * @param mtu its MTU
 * @param slot a number unique among all endpoints, which names the NIC's kernel objects on its host
 */
public record Endpoint(EndpointId id, MacAddress mac, Ipv4Prefix address, int mtu, int slot) {
}
