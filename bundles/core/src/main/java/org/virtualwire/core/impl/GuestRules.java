package org.virtualwire.core.impl;

import java.util.List;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Route;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;

/**
 * What a guest must be to be added or removed: a free name on a host that is no gateway, an image only for a VM
 * (its files checked by the driver), and, to remove it, not moving and no wired NICs (its NICs go with it).
 */
final class GuestRules {
    private final ChangeSet changes;
    private final InstalledPlugins plugins;

    GuestRules(ChangeSet changes, InstalledPlugins plugins) {
        this.changes = changes;
        this.plugins = plugins;
    }

    Guest add(GuestId id, GuestKind kind, HostId hostId, VmImage image) {
        return add(id, kind, hostId, image, List.of());
    }

    Guest add(GuestId id, GuestKind kind, HostId hostId, VmImage image, List<Route> routes) {
        if (changes.guests().containsKey(id)) {
            throw new VirtualWireException("guest", "guest name '" + id + "' is taken");
        }
        Host host = changes.host(hostId);
        if (host.gateway()) {
            throw new VirtualWireException("host", "host " + hostId + " is its cloud's gateway: it relays wires and runs no guests");
        }
        if (!VmImage.isDefault(image)) {
            if (kind != GuestKind.VM) {
                throw new VirtualWireException("image", "guest " + id + " is a " + kind.label() + ": only a vm boots "
                        + "a kernel, initrd or disk (" + image + ")");
            }
            image.check();
        }
        GuestRoutes.check(id, kind, routes);
        Guest guest = new Guest(id, kind, hostId, image, routes);
        Cloud cloud = changes.cloud(host.cloud());
        if (guest.image() != null) {
            plugins.runtimeOf(cloud).validateGuest(guest); // only the host runtime can say whether the files are there
        } else {
            plugins.installedRuntimeOf(cloud).ifPresent(r -> r.validateGuest(guest)); // as before: no driver needed yet
        }
        changes.add(guest);
        return guest;
    }

    void remove(GuestId id) {
        Guest guest = changes.guest(id);
        MoveRules.refuseWhileMoving(changes, id);
        List<EndpointId> nics = changes.endpoints().keySet().stream().filter(e -> e.guest().equals(id)).toList();
        List<String> wired = nics.stream().filter(e -> changes.wireOf(e).isPresent())
                .map(e -> e + " (wire " + changes.wireOf(e).get() + ")").toList();
        if (!wired.isEmpty()) {
            throw new VirtualWireException("guest", "guest " + id + " still has wired NICs: " + String.join(", ", wired)
                    + "; disconnect them first");
        }
        nics.forEach(e -> changes.remove(changes.endpoint(e))); // none is wired
        changes.remove(guest);
    }
}
