package org.virtualwire.core.impl;

import java.util.HashSet;
import java.util.Set;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VirtualWireException;

/**
 * What an endpoint (a guest's NIC) must be to be added or removed: a name the kernel does not keep, a MAC no
 * other NIC has, an address its guest (and, for a switch, its segment) does not have yet, an MTU the underlay
 * carries; and, to remove it, no wire.
 */
final class EndpointRules {
    private static final Set<String> RESERVED_NICS = Set.of("lo", "all", "default", "sit0", "tunl0", "gre0", "gretap0",
            "erspan0", "ip6tnl0", "ip6gre0");

    private final ChangeSet changes;
    private final InstalledPlugins plugins;

    EndpointRules(ChangeSet changes, InstalledPlugins plugins) {
        this.changes = changes;
        this.plugins = plugins;
    }

    Endpoint add(EndpointId id, String mac, String address, Integer mtu) {
        return add(id, mac, address, mtu, null);
    }

    Endpoint add(EndpointId id, String mac, String address, Integer mtu, String gateway) {
        Guest guest = changes.guest(id.guest());
        if (changes.endpoints().containsKey(id)) {
            throw new VirtualWireException("endpoint", "endpoint " + id + " already exists");
        }
        checkNicName(id);
        int slot = changes.nextSlot();
        MacAddress m = mac == null || mac.isBlank() ? MacAddress.local(slot) : MacAddress.parse(mac.trim()).checkAssignable();
        changes.endpoints().values().stream().filter(e -> e.mac().equals(m)).findFirst().ifPresent(e -> {
            throw new VirtualWireException("mac", "MAC address " + m + " is already used by " + e.id());
        });
        Ipv4Prefix ip = address == null || address.isBlank() ? null : Ipv4Prefix.parse(address.trim());
        if (ip != null) {
            ip.checkNicAddress(id);
        }
        Cloud cloud = changes.cloud(changes.host(guest.host()).cloud());
        int defaultMtu = plugins.defaultMtu(cloud);
        int m2 = mtu == null ? defaultMtu : mtu;
        if (m2 < 68 || m2 > defaultMtu) {
            throw new VirtualWireException("mtu", "MTU " + m2 + " of " + id + " is out of range: must be 68 to "
                    + defaultMtu + " (the underlay MTU less the tunnel overhead)");
        }
        String via = GuestRoutes.gateway(guest, id, ip, gateway, changes.endpoints().values());
        Endpoint endpoint = new Endpoint(id, m, ip, m2, slot, mtu, via); // the user's mtu: a ceiling
        plugins.runtimeOf(cloud).validateEndpoint(guest, endpoint);
        plugins.driverOf(cloud).validateEndpoint(guest, endpoint);
        if (ip != null) { // two NICs of one guest with one address: its replies would leave by either
            changes.endpoints().values().stream().filter(e -> e.id().guest().equals(id.guest()) && e.address() != null
                    && e.address().value() == ip.value()).findFirst().ifPresent(e -> {
                        throw new VirtualWireException("ip", "address " + ip + " of " + id + " is already used by "
                                + e.id() + " of the same guest");
                    });
        }
        if (ip != null && guest.kind() == GuestKind.SWITCH) { // its NICs are bridged: it joins their segment
            Segments segments = changes.segments();
            Set<EndpointId> segment = new HashSet<>();
            changes.endpoints().keySet().stream().filter(e -> e.guest().equals(id.guest()))
                    .forEach(e -> segment.addAll(segments.of(e)));
            segments.sameAddress(segment, endpoint).ifPresent(other -> {
                throw new VirtualWireException("ip", "address " + ip + " of " + id + " is already used by " + other
                        + " in the same L2 segment (switch " + id.guest() + " bridges them)");
            });
        }
        changes.add(endpoint);
        return endpoint;
    }

    void remove(EndpointId id) {
        Endpoint endpoint = changes.endpoint(id);
        changes.wireOf(id).ifPresent(wire -> {
            throw new VirtualWireException("endpoint", "endpoint " + id + " is wired (wire " + wire
                    + "); disconnect it first");
        });
        changes.remove(endpoint);
    }

    /**
     * Refuses a NIC name the kernel keeps for itself in every namespace: {@code lo} is there already (making
     * the NIC, the driver would delete it, and the kernel refuses), {@code all} and {@code default} name
     * the per-namespace settings in /proc/sys/net and are refused as device names; the fallback devices of
     * tunnel modules appear in every namespace once their module is loaded and cannot be deleted.
     */
    private static void checkNicName(EndpointId id) {
        if (RESERVED_NICS.contains(id.nic())) {
            throw new VirtualWireException("endpoint", "NIC name '" + id.nic() + "' of " + id + " is reserved by the "
                    + "kernel in every namespace: choose another, e.g. eth0");
        }
    }
}
