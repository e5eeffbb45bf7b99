package org.virtualwire.core.impl;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;

/**
 * What a wire to an outside VTEP must be: an unwired endpoint on a reachable host with the tunnel installed; a
 * VNI outside the appliance's own range ({@code vni.min}..{@code vni.max}: the VNI is the wire's id and the
 * name of its kernel device on the host) and of no other wire; a VTEP address that is no host's or gateway's
 * (those are VirtualWire's own: wire to their guests' NICs). The near end gets its anchor: an underlay address of
 * the guest's cloud that no host has, chosen by the cloud's driver as for a new host, which stays the wire's
 * whatever host the guest moves to.
 */
final class OutsideWires {
    private final ChangeSet changes;
    private final InstalledPlugins plugins;
    private final Function<Host, Optional<String>> unreachable;

    OutsideWires(ChangeSet changes, InstalledPlugins plugins, Function<Host, Optional<String>> unreachable) {
        this.changes = changes;
        this.plugins = plugins;
        this.unreachable = unreachable;
    }

    Wire connect(EndpointId a, OutsideVtep far) {
        changes.endpoint(a);
        changes.wireOf(a).ifPresent(wire -> {
            throw new VirtualWireException("endpoint", "endpoint " + a + " is already wired (wire " + wire
                    + "): a NIC takes one cable");
        });
        int vni = far.vni();
        if (changes.ownVni(vni)) {
            throw new VirtualWireException("vni", "VNI " + vni + " of outside VTEP " + far + " lies in the VNIs the "
                    + "appliance hands out itself (" + changes.vniRange() + ", vni.min and vni.max in "
                    + "etc/org.virtualwire.core.cfg): use a VNI outside that range, or narrow it");
        }
        Wire other = changes.wires().get(new WireId(vni));
        if (other != null) {
            throw new VirtualWireException("vni", "VNI " + vni + " of outside VTEP " + far + " is already wire "
                    + other.id() + " (" + other.a() + " - " + other.farEnd() + ")");
        }
        Gateways.usedBy(changes.hosts().values(), far.address()).ifPresent(who -> {
            throw new VirtualWireException("endpoint", "outside VTEP address " + far.address() + " is " + who
                    + "'s, a host VirtualWire manages: wire to a NIC of one of its guests instead");
        });
        anchors().stream().filter(far.address()::equals).findFirst().ifPresent(x -> {
            throw new VirtualWireException("endpoint", "outside VTEP address " + far.address()
                    + " is the anchor of another outside wire");
        });
        Host host = changes.hostOf(a);
        unreachable.apply(host).ifPresent(why -> {
            throw new VirtualWireException("host", "host " + host.id() + " is unreachable: " + why);
        });
        if (!plugins.tunnelInstalled()) {
            throw new VirtualWireException("tunnel", "tunnel protocol '" + InstalledPlugins.DEFAULT_TUNNEL
                    + "' is not installed, so " + a + " cannot be wired to " + far
                    + ": install feature virtualwire-tunnel-vxlan");
        }
        Cloud cloud = changes.cloud(host.cloud());
        Set<String> taken = Stream.concat(Stream.concat(changes.hosts().values().stream()
                .flatMap(h -> h.gateway() ? Stream.of(h.underlayAddress(), h.publicAddress())
                        : Stream.of(h.underlayAddress())), anchors().stream()), Stream.of(far.address()))
                .collect(Collectors.toSet());
        String anchor = plugins.driverOf(cloud).allocateAddress(cloud, HostId.of("vtep" + vni), null, taken);
        return changes.connect(a, far.withAnchor(anchor), InstalledPlugins.DEFAULT_TUNNEL);
    }

    private Set<String> anchors() {
        return changes.wires().values().stream().filter(Wire::toOutside).map(w -> w.outside().anchor())
                .collect(Collectors.toSet());
    }
}
