package org.virtualwire.core.impl;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Host;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;

/**
 * What a wire must be to be connected: two different unwired endpoints on reachable hosts, a tunnel between
 * two hosts, a path through the gateways, no two equal addresses in the segment it makes, and (checked with the
 * whole request, {@link MtuFitting}) a path wide enough. Disconnecting widens the segments again.
 */
final class WireRules {
    private final ChangeSet changes;
    private final InstalledPlugins plugins;
    private final Function<Host, Optional<String>> unreachable;
    private final MtuFitting mtu;

    /** @param unreachable why a host cannot be managed now; empty when it can */
    WireRules(ChangeSet changes, InstalledPlugins plugins, Function<Host, Optional<String>> unreachable, MtuFitting mtu) {
        this.changes = changes;
        this.plugins = plugins;
        this.unreachable = unreachable;
        this.mtu = mtu;
    }

    Wire connect(EndpointId a, EndpointId b) {
        changes.endpoint(a);
        changes.endpoint(b);
        if (a.equals(b)) {
            throw new VirtualWireException("endpoint", "both ends are " + a + ": a wire joins two different endpoints");
        }
        for (EndpointId e : List.of(a, b)) {
            changes.wireOf(e).ifPresent(wire -> {
                throw new VirtualWireException("endpoint", "endpoint " + e + " is already wired (wire " + wire
                        + "): a NIC takes one cable");
            });
        }
        Host ha = changes.hostOf(a);
        Host hb = changes.hostOf(b);
        for (Host h : List.of(ha, hb)) {
            unreachable.apply(h).ifPresent(why -> {
                throw new VirtualWireException("host", "host " + h.id() + " is unreachable: " + why);
            });
        }
        if (!ha.equals(hb) && !plugins.tunnelInstalled()) {
            throw new VirtualWireException("tunnel", "tunnel protocol '" + InstalledPlugins.DEFAULT_TUNNEL + "' is not "
                    + "installed, so hosts " + ha.id() + " and " + hb.id() + " cannot be wired: install feature "
                    + "virtualwire-tunnel-vxlan");
        }
        Gateways.checkPath(changes.hosts().values(), ha, hb);
        Segments segments = changes.segments();
        segments.duplicate(segments.of(a), segments.of(b)).ifPresent(pair -> {
            throw new VirtualWireException("ip", "wire " + a + " - " + b + " would join " + pair.get(0) + " and "
                    + pair.get(1) + ", which both have address " + changes.endpoints().get(pair.get(0)).address().address()
                    + ", into one L2 segment (NICs joined by wires and switches); give one of them another address");
        });
        Wire wire = changes.connect(a, b, InstalledPlugins.DEFAULT_TUNNEL);
        mtu.fit(wire, "wire " + a + " - " + b);
        return wire;
    }

    Wire connect(EndpointId a, OutsideVtep far) {
        Wire wire = new OutsideWires(changes, plugins, unreachable).connect(a, far);
        mtu.fit(wire, "wire " + a + " - " + far);
        return wire;
    }

    void disconnect(WireId id) {
        Wire wire = changes.disconnect(id);
        mtu.fit(wire.ends(), null); // its segment may widen again (mtu owns this line)
    }
}
