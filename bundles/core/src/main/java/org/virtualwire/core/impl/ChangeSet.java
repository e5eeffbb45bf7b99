package org.virtualwire.core.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireEvent;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;

/**
 * A working copy of the desired state and the events its changes produce. The rules ({@link ChangeRules})
 * check each request and then change this copy; nothing reaches the store until the controller commits the
 * whole set ({@link #build()}), so a refused request leaves no trace. It checks nothing but that what a change
 * names exists.
 */
final class ChangeSet {
    private final Topology base;
    private final Map<CloudId, Cloud> clouds;
    private final Map<HostId, Host> hosts;
    private final Map<GuestId, Guest> guests;
    private final NavigableMap<EndpointId, Endpoint> endpoints;
    private final Map<WireId, Wire> wires;
    private final Map<GuestId, Move> moves;
    private final Map<EndpointId, WireId> wireOf = new HashMap<>();
    private final VniPool vnis;
    private final List<WireEvent> events = new ArrayList<>();
    private int nextSlot;
    private final int vniMin;
    private final int vniMax;

    /** @param vniHistory what the VNI pool remembers from the changes before (released VNIs in quarantine) */
    ChangeSet(Topology base, int vniMin, int vniMax, VniPool.History vniHistory) {
        this.base = base;
        clouds = new TreeMap<>(base.clouds());
        hosts = new TreeMap<>(base.hosts());
        guests = new TreeMap<>(base.guests());
        endpoints = new TreeMap<>(base.endpoints());
        wires = new TreeMap<>(base.wires());
        moves = new TreeMap<>(base.moves());
        wires.values().forEach(w -> {
            wireOf.put(w.a(), w.id());
            if (w.b() != null) {
                wireOf.put(w.b(), w.id());
            }
        });
        this.vniMin = vniMin;
        this.vniMax = vniMax;
        vnis = new VniPool(vniMin, vniMax, wires.keySet(), vniHistory);
        nextSlot = endpoints.values().stream().mapToInt(Endpoint::slot).max().orElse(0) + 1;
    }

    boolean changed() {
        return !events.isEmpty();
    }

    List<WireEvent> events() {
        return List.copyOf(events);
    }

    /** @return what the VNI pool remembers after these changes, for the controller to keep once committed */
    VniPool.History vniHistory() {
        return vnis.history();
    }

    /** @return the state with these changes, one revision after the base */
    Topology build() {
        return new Topology(base.revision() + 1, clouds, hosts, guests, endpoints, wires, moves);
    }

    Map<CloudId, Cloud> clouds() {
        return Collections.unmodifiableMap(clouds);
    }

    Map<HostId, Host> hosts() {
        return Collections.unmodifiableMap(hosts);
    }

    Map<GuestId, Guest> guests() {
        return Collections.unmodifiableMap(guests);
    }

    NavigableMap<EndpointId, Endpoint> endpoints() {
        return Collections.unmodifiableNavigableMap(endpoints);
    }

    Map<WireId, Wire> wires() {
        return Collections.unmodifiableMap(wires);
    }

    Map<GuestId, Move> moves() {
        return Collections.unmodifiableMap(moves);
    }

    /** @return the wire an endpoint is on, if any */
    Optional<WireId> wireOf(EndpointId endpoint) {
        return Optional.ofNullable(wireOf.get(endpoint));
    }

    /** The L2 segments as they are now: NICs joined by wires and by switches' bridges. */
    Segments segments() {
        return new Segments(endpoints, wireOf, wires, g -> guests.get(g).kind() == GuestKind.SWITCH);
    }

    /** @return the slot the next endpoint gets (its MAC and host device derive from it) */
    int nextSlot() {
        return nextSlot;
    }

    void add(Cloud cloud) {
        clouds.put(cloud.id(), cloud);
        event(WireEvent.Type.ADDED, cloud);
    }

    void remove(Cloud cloud) {
        clouds.remove(cloud.id());
        event(WireEvent.Type.REMOVED, cloud);
    }

    void add(Host host) {
        hosts.put(host.id(), host);
        event(WireEvent.Type.ADDED, host);
    }

    void remove(Host host) {
        hosts.remove(host.id());
        event(WireEvent.Type.REMOVED, host);
    }

    void add(Guest guest) {
        guests.put(guest.id(), guest);
        event(WireEvent.Type.ADDED, guest);
    }

    void remove(Guest guest) {
        guests.remove(guest.id());
        event(WireEvent.Type.REMOVED, guest);
    }

    /** Adds an endpoint in the slot {@link #nextSlot()}, which it takes. */
    void add(Endpoint endpoint) {
        nextSlot++;
        endpoints.put(endpoint.id(), endpoint);
        event(WireEvent.Type.ADDED, endpoint);
    }

    void remove(Endpoint endpoint) {
        endpoints.remove(endpoint.id());
        event(WireEvent.Type.REMOVED, endpoint);
    }

    /** An endpoint changed in place (its MTU fitted to its segment). */
    void update(Endpoint endpoint) {
        endpoints.put(endpoint.id(), endpoint);
        event(WireEvent.Type.UPDATED, endpoint);
    }

    /** @return a new wire between two endpoints, with a VNI from the pool */
    Wire connect(EndpointId a, EndpointId b, String tunnel) {
        Wire wire = new Wire(vnis.allocate(), a, b, tunnel);
        wires.put(wire.id(), wire);
        wireOf.put(a, wire.id());
        wireOf.put(b, wire.id());
        event(WireEvent.Type.ADDED, wire);
        return wire;
    }

    /** @return whether the appliance hands out this VNI itself ({@code vni.min}..{@code vni.max}) */
    boolean ownVni(int vni) {
        return vni >= vniMin && vni <= vniMax;
    }

    /** @return the VNIs the appliance hands out, as {@code min..max} */
    String vniRange() {
        return vniMin + ".." + vniMax;
    }

    /** @return a new wire from an endpoint to an outside VTEP, whose VNI is its id */
    Wire connect(EndpointId a, OutsideVtep far, String tunnel) {
        Wire wire = new Wire(new WireId(far.vni()), a, null, tunnel, far);
        wires.put(wire.id(), wire);
        wireOf.put(a, wire.id());
        event(WireEvent.Type.ADDED, wire);
        return wire;
    }

    /** @return the wire removed, its VNI released into quarantine */
    Wire disconnect(WireId id) {
        Wire wire = wires.remove(id);
        if (wire == null) {
            throw new VirtualWireException("wire", "unknown wire " + id);
        }
        wireOf.remove(wire.a());
        if (wire.b() != null) {
            wireOf.remove(wire.b());
            vnis.release(id);
        }
        event(WireEvent.Type.REMOVED, wire);
        return wire;
    }

    /** A guest's migration starts or goes on: its guest is told as updated. */
    void put(Move move) {
        moves.put(move.guest(), move);
        event(WireEvent.Type.UPDATED, guests.get(move.guest()));
    }

    /** The guest runs on the host it moves to from now on (no event: its move's event follows). */
    void runOn(GuestId id, HostId host) {
        Guest g = guests.get(id);
        guests.put(id, g.on(host));
    }

    /** A guest's migration ended (settled or rolled back): its guest is told as updated. */
    void endMove(GuestId id) {
        moves.remove(id);
        event(WireEvent.Type.UPDATED, guests.get(id));
    }

    Cloud cloud(CloudId id) {
        return require(clouds.get(id), "cloud", id);
    }

    Host host(HostId id) {
        return require(hosts.get(id), "host", id);
    }

    Guest guest(GuestId id) {
        return require(guests.get(id), "guest", id);
    }

    Endpoint endpoint(EndpointId id) {
        return require(endpoints.get(id), "endpoint", id);
    }

    Host hostOf(EndpointId e) {
        return host(guest(e.guest()).host());
    }

    /** @return the cloud whose host runs an endpoint's guest */
    Cloud cloudOf(EndpointId e) {
        return cloud(hostOf(e).cloud());
    }

    private void event(WireEvent.Type type, Object subject) {
        events.add(new WireEvent(type, subject));
    }

    private static <T> T require(T value, String kind, Object id) {
        if (value == null) {
            throw new VirtualWireException(kind, "unknown " + kind + " '" + id + "'");
        }
        return value;
    }
}
