package org.virtualwire.core.impl;

import java.util.Collection;
import java.util.Optional;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;

/**
 * Rules about clouds' gateways: one per cloud, public addresses unique, and a wire between two clouds goes
 * host, own gateway, remote gateway, host, so both clouds need one.
 */
final class Gateways {
    private Gateways() {
    }

    /**
     * Checks a new gateway of a cloud before it is stored.
     *
     * @param publicAddress its public address, written as {@link #canonical} writes it
     */
    static void checkNew(Collection<Host> hosts, Cloud cloud, String publicAddress) {
        Ipv4Prefix.toInt(publicAddress);
        Host.gatewayOf(hosts, cloud.id()).ifPresent(g -> {
            throw new VirtualWireException("host", "cloud " + cloud.id() + " already has a gateway: " + g.id());
        });
        usedBy(hosts, publicAddress).ifPresent(who -> {
            throw new VirtualWireException("address", "public address " + publicAddress + " is already used by " + who);
        });
    }

    /**
     * @param field the field to name if the address is malformed
     * @param address an IPv4 address as the user wrote it, or null or blank for none
     * @return the address written one way ({@code 198.18.0.01} is {@code 198.18.0.1}), or null for none: two
     *         spellings of one address must not pass for two addresses
     */
    static String canonical(String field, String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            return Ipv4Prefix.fromInt(Ipv4Prefix.toInt(address.trim()));
        } catch (VirtualWireException e) {
            throw new VirtualWireException(field, e.getMessage());
        }
    }

    /**
     * @param hosts the hosts there are, of every cloud
     * @param address an address written as {@link #canonical} writes it
     * @return who has the address already, as underlay or public address, in words
     */
    static Optional<String> usedBy(Collection<Host> hosts, String address) {
        for (Host h : hosts) {
            if (address.equals(h.underlayAddress())) {
                return Optional.of((h.gateway() ? "gateway " : "host ") + h.id() + " (its underlay address in cloud "
                        + h.cloud() + ")");
            }
            if (address.equals(h.publicAddress())) {
                return Optional.of("gateway " + h.id() + " of cloud " + h.cloud() + " (its public address)");
            }
        }
        return Optional.empty();
    }

    /** Checks that frames can go between two hosts: same cloud, or both clouds have a gateway. */
    static void checkPath(Collection<Host> hosts, Host a, Host b) {
        if (a.cloud().equals(b.cloud())) {
            return;
        }
        for (Host h : new Host[] {a, b}) {
            if (Host.gatewayOf(hosts, h.cloud()).isEmpty()) {
                throw new VirtualWireException("host", "hosts " + a.id() + " (cloud " + a.cloud() + ") and " + b.id()
                        + " (cloud " + b.cloud() + ") are in different clouds and cloud " + h.cloud()
                        + " has no gateway: add one with vw:host-add --cloud " + h.cloud() + " --public ADDRESS NAME");
            }
        }
    }
}
