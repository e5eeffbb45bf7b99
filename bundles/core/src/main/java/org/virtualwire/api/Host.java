package org.virtualwire.api;

/**
 * A machine (or a namespace standing in for one) that runs an agent and hosts guests.
 *
 * @param id the host's name
 * @param cloud the cloud it belongs to
 * @param underlayAddress its IPv4 address on the cloud's underlay
 */
public record Host(HostId id, CloudId cloud, String underlayAddress) {
}
