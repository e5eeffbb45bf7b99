package org.virtualwire.core.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.LocalLink;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.WireEnd;

/**
 * What one host should look like: the driver's part and, per tunnel protocol, the wire ends. Two equal
 * plans need no kernel work, which is how an agent skips revisions that do not concern its host.
 *
 * <p>An end is planned on every host where its guest is present (running, arriving by migration, or, for a
 * container, just left by a migration that has not settled). Its frames go to every host its peer's frames
 * should reach ({@link Topology#sendTo}): to a local device when the peer is here too, through the tunnel
 * otherwise, and to both while the peer moves.
 *
 * <p>A peer in another cloud is reached through this cloud's gateway; a gateway host gets the gateway's
 * forwarding rules instead of wire ends.
 *
 * @param host the driver's plan
 * @param tunnels wire ends by protocol
 * @param gateway the forwarding rules when the host is its cloud's gateway, else null
 */
record AgentPlan(HostPlan host, Map<String, TunnelPlan> tunnels, GatewayPlan gateway) {

    static AgentPlan of(Topology t, Host host, CloudDriver driver, HostRuntime runtime, Collection<String> protocols) {
        List<GuestPlan> guests = new ArrayList<>();
        for (Guest g : t.guests().values()) {
            if (g.host().equals(host.id())) {
                guests.add(new GuestPlan(g, t.endpointsOf(g.id())));
            } else if (t.incomingAt(g.id()).filter(host.id()::equals).isPresent() || leftBehind(t, g.id(), host.id())) {
                guests.add(new GuestPlan(g, t.endpointsOf(g.id()), true));
            }
        }
        List<LocalLink> links = new ArrayList<>();
        Map<String, List<WireEnd>> ends = new TreeMap<>();
        // every installed protocol gets a plan, even an empty one, so that its last wire end is removed too
        protocols.forEach(p -> ends.put(p, new ArrayList<>()));
        for (Wire w : t.wires().values()) {
            if (w.toOutside()) {
                outside(t, host, runtime, w, ends);
                continue;
            }
            plan(t, host, runtime, w, w.a(), w.b(), links, ends);
            plan(t, host, runtime, w, w.b(), w.a(), links, ends);
        }
        String netns = driver.netns(host);
        Map<String, TunnelPlan> tunnels = new TreeMap<>();
        ends.forEach((protocol, list) -> tunnels.put(protocol, new TunnelPlan(host.id(), netns, list)));
        return new AgentPlan(new HostPlan(host, t.clouds().get(host.cloud()), guests, links), tunnels,
                host.gateway() ? GatewayPlans.of(t, host) : null);
    }

    /** Plans the direction end -> peer of a wire on this host. */
    private static void plan(Topology t, Host host, HostRuntime runtime, Wire w, EndpointId end, EndpointId peer,
            List<LocalLink> links, Map<String, List<WireEnd>> ends) {
        if (!presentOn(t, end, host.id())) {
            return;
        }
        List<String> remotes = new ArrayList<>();
        boolean peerHere = false;
        for (HostId h : t.sendTo(peer.guest())) {
            Host there = t.hosts().get(h);
            if (h.equals(host.id())) {
                peerHere = presentOn(t, peer, h);
            } else if (there.cloud().equals(host.cloud())) {
                remotes.add(there.underlayAddress());
            } else {
                Host.gatewayOf(t.hosts().values(), host.cloud()).map(Host::underlayAddress)
                        .filter(g -> !remotes.contains(g)).ifPresent(remotes::add);
            }
        }
        Endpoint e = t.endpoints().get(end);
        Endpoint p = t.endpoints().get(peer);
        if (remotes.isEmpty()) {
            if (peerHere) {
                links.add(new LocalLink(w.id(), e, p));
            }
            return;
        }
        ends.computeIfAbsent(w.tunnel(), k -> new ArrayList<>()).add(new WireEnd(w.id(), runtime.hostDevice(e),
                host.underlayAddress(), remotes, peerHere ? runtime.hostDevice(p) : null));
    }

    /**
     * A wire to an outside VTEP: an end wherever its guest is present, sending from the wire's anchor to the
     * VTEP; the host where the guest runs holds the anchor.
     */
    private static void outside(Topology t, Host host, HostRuntime runtime, Wire w, Map<String, List<WireEnd>> ends) {
        if (!presentOn(t, w.a(), host.id())) {
            return;
        }
        boolean runsHere = t.guests().get(w.a().guest()).host().equals(host.id());
        String anchor = w.outside().anchor();
        ends.computeIfAbsent(w.tunnel(), k -> new ArrayList<>()).add(new WireEnd(w.id(),
                runtime.hostDevice(t.endpoints().get(w.a())), anchor, List.of(w.outside().address()), null,
                runsHere ? anchor : null));
    }

    private static boolean presentOn(Topology t, EndpointId e, HostId host) {
        return t.guests().get(e.guest()).host().equals(host)
                || t.incomingAt(e.guest()).filter(host::equals).isPresent() || leftBehind(t, e.guest(), host);
    }

    /**
     * Whether a host keeps a guest's devices although the guest runs elsewhere: a container's source keeps
     * them from activation until its move settles (they carry nothing to the guest any more), so that frames
     * still on their way through them when the guest switched arrive, however late. A VM's source has nothing
     * to keep: its QEMU quit.
     */
    private static boolean leftBehind(Topology t, GuestId guest, HostId host) {
        Move move = t.moves().get(guest);
        return move != null && move.phase() == Move.Phase.ACTIVE && move.from().equals(host)
                && t.guests().get(guest).kind() != GuestKind.VM;
    }
}
