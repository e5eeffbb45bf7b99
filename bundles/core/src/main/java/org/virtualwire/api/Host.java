package org.virtualwire.api;

import java.util.Collection;
import java.util.Optional;

/**
 * A machine (or a namespace standing in for one) that runs an agent and hosts guests, or its cloud's gateway.
 *
 * @param id the host's name
 * @param cloud the cloud it belongs to
 * @param underlayAddress its IPv4 address on the cloud's (private) underlay
 * @param publicAddress for its cloud's gateway, its address on the network between clouds; null for a host
 *        that runs guests
 */
public record Host(HostId id, CloudId cloud, String underlayAddress, String publicAddress) {
    /**
     * A host that runs guests.
     *
     * @param id the host's name
     * @param cloud its cloud
     * @param underlayAddress its underlay address
     */
    public Host(HostId id, CloudId cloud, String underlayAddress) {
        this(id, cloud, underlayAddress, null);
    }

    /** @return whether this host is its cloud's gateway, which relays wires to and from other clouds */
    public boolean gateway() {
        return publicAddress != null;
    }

    /**
     * @param hosts the hosts to look among
     * @param cloud a cloud
     * @return the cloud's gateway among the hosts, if it has one
     */
    public static Optional<Host> gatewayOf(Collection<Host> hosts, CloudId cloud) {
        return hosts.stream().filter(h -> h.gateway() && h.cloud().equals(cloud)).findFirst();
    }
}
