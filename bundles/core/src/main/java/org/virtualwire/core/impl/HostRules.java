package org.virtualwire.core.impl;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;

/**
 * What a host must be to be added or removed: a free name, addresses no other machine has (its driver allocates
 * the underlay one), and, to remove it, no guests and (a gateway) no wires to other clouds.
 */
final class HostRules {
    private final ChangeSet changes;
    private final InstalledPlugins plugins;

    HostRules(ChangeSet changes, InstalledPlugins plugins) {
        this.changes = changes;
        this.plugins = plugins;
    }

    Host add(HostId id, CloudId cloudId, String underlayAddress, String publicAddress) {
        if (changes.hosts().containsKey(id)) {
            throw new VirtualWireException("host", "host name '" + id + "' is taken");
        }
        Cloud cloud = changes.cloud(cloudId);
        String requested = Gateways.canonical("address", underlayAddress);
        if (requested != null) {
            Gateways.usedBy(changes.hosts().values(), requested).ifPresent(who -> {
                throw new VirtualWireException("address", "underlay address " + requested + " of host " + id
                        + " is already used by " + who);
            });
        }
        // every address a host or gateway has, in any cloud: clouds may share ranges (the default cloud's
        // 198.18.0.0/16 holds the others' subnets), and an address must name one machine wherever it is seen
        Set<String> taken = changes.hosts().values().stream()
                .flatMap(h -> h.gateway() ? Stream.of(h.underlayAddress(), h.publicAddress())
                        : Stream.of(h.underlayAddress()))
                .collect(Collectors.toSet());
        // the anchors of wires to outside VTEPs are underlay addresses too
        changes.wires().values().stream().filter(Wire::toOutside).forEach(w -> taken.add(w.outside().anchor()));
        if (requested != null && taken.contains(requested)) {
            throw new VirtualWireException("address", "underlay address " + requested + " of host " + id
                    + " is already used (the anchor of a wire to an outside VTEP)");
        }
        String address = plugins.driverOf(cloud).allocateAddress(cloud, id, requested, taken);
        String publicAt = Gateways.canonical("address", publicAddress);
        if (publicAt != null) {
            Gateways.checkNew(changes.hosts().values(), cloud, publicAt);
            if (publicAt.equals(address)) {
                throw new VirtualWireException("address", "public address " + publicAt + " of gateway " + id
                        + " is its underlay address too: the two networks need one address each");
            }
            plugins.driverOf(cloud).validatePublicAddress(cloud, publicAt);
        }
        Host host = new Host(id, cloudId, address, publicAt);
        changes.add(host);
        return host;
    }

    void remove(HostId id) {
        Host host = changes.host(id);
        List<String> on = changes.guests().values().stream().filter(g -> g.host().equals(id)).map(g -> g.id().name())
                .toList();
        if (!on.isEmpty()) {
            throw new VirtualWireException("host", "host " + id + " still runs guests: " + String.join(", ", on));
        }
        if (host.gateway()) {
            List<String> across = changes.wires().values().stream().filter(w -> crosses(w, host.cloud()))
                    .map(w -> w.id().toString()).toList();
            if (!across.isEmpty()) {
                throw new VirtualWireException("host", "gateway " + id + " still carries wires to other clouds: "
                        + String.join(", ", across) + "; disconnect them first");
            }
        }
        changes.remove(host);
    }

    /** @return whether a wire joins a host of the cloud to a host of another cloud */
    private boolean crosses(Wire w, CloudId cloud) {
        if (w.toOutside()) {
            return false;
        }
        CloudId a = changes.hostOf(w.a()).cloud();
        CloudId b = changes.hostOf(w.b()).cloud();
        return !a.equals(b) && (a.equals(cloud) || b.equals(cloud));
    }
}
