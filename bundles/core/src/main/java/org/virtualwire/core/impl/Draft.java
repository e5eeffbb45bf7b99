package org.virtualwire.core.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireEvent;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;

/**
 * A working copy of the desired state on which requests are validated and applied one by one. Nothing
 * reaches the store until the whole draft is committed, so a refused request leaves no trace.
 */
final class Draft implements WireAdminService {
    static final String DEFAULT_TUNNEL = "vxlan";
    static final int DEFAULT_OVERHEAD = 50;
    /** What gateways add between them when no relay is installed to say: header and tag, with room to spare. */
    static final int DEFAULT_GATEWAY_OVERHEAD = 40;

    private final Topology base;
    private final Plugins plugins;
    private final Function<Host, String> unreachable;
    private final Map<CloudId, Cloud> clouds;
    private final Map<HostId, Host> hosts;
    private final Map<GuestId, Guest> guests;
    private final NavigableMap<EndpointId, Endpoint> endpoints;
    private final Map<WireId, Wire> wires;
    private final Map<GuestId, Move> moves;
    private final Map<EndpointId, WireId> wireOf = new HashMap<>();
    private final VniPool vnis;
    private final List<WireEvent> events = new ArrayList<>();
    /** Wires whose paths {@link #fitMtus()} checks, with the request that made them. */
    private final Map<WireId, String> pathsToCheck = new java.util.LinkedHashMap<>();
    /** NICs whose segments {@link #fitMtus()} sizes, with the first request that can be refused (or null). */
    private final Map<EndpointId, String> segmentsToFit = new java.util.LinkedHashMap<>();
    private int nextSlot;

    /**
     * @param vniHistory what the VNI pool remembers from the changes before (released VNIs in quarantine)
     * @param unreachable why a host cannot be managed now, or null when it can
     */
    Draft(Topology base, Plugins plugins, int vniMin, int vniMax, VniPool.History vniHistory,
            Function<Host, String> unreachable) {
        this.base = base;
        this.plugins = plugins;
        this.unreachable = unreachable;
        clouds = new TreeMap<>(base.clouds());
        hosts = new TreeMap<>(base.hosts());
        guests = new TreeMap<>(base.guests());
        endpoints = new TreeMap<>(base.endpoints());
        wires = new TreeMap<>(base.wires());
        moves = new TreeMap<>(base.moves());
        wires.values().forEach(w -> {
            wireOf.put(w.a(), w.id());
            wireOf.put(w.b(), w.id());
        });
        vnis = new VniPool(vniMin, vniMax, wires.keySet(), vniHistory);
        nextSlot = endpoints.values().stream().mapToInt(Endpoint::slot).max().orElse(0) + 1;
    }

    boolean changed() {
        return !events.isEmpty();
    }

    List<WireEvent> events() {
        return List.copyOf(events);
    }

    /** @return what the VNI pool remembers after this draft's changes, for the controller to keep once committed */
    VniPool.History vniHistory() {
        return vnis.history();
    }

    Topology build() {
        return new Topology(base.revision() + 1, clouds, hosts, guests, endpoints, wires, moves);
    }

    private void event(WireEvent.Type type, Object subject) {
        events.add(new WireEvent(type, subject));
    }

    @Override
    public Cloud addCloud(CloudId id, String driver, Map<String, String> properties) {
        if (clouds.containsKey(id)) {
            throw new VirtualWireException("cloud", "cloud name '" + id + "' is taken");
        }
        Cloud cloud = new Cloud(id, driver, properties);
        driverOf(cloud).validate(cloud, List.copyOf(clouds.values()));
        clouds.put(id, cloud);
        event(WireEvent.Type.ADDED, cloud);
        return cloud;
    }

    @Override
    public void removeCloud(CloudId id) {
        Cloud cloud = cloud(id);
        List<String> in = hosts.values().stream().filter(h -> h.cloud().equals(id)).map(h -> h.id().name()).toList();
        if (!in.isEmpty()) {
            throw new VirtualWireException("cloud", "cloud " + id + " still has hosts: " + String.join(", ", in));
        }
        clouds.remove(id);
        event(WireEvent.Type.REMOVED, cloud);
    }

    @Override
    public Host addHost(HostId id, CloudId cloudId, String underlayAddress, String publicAddress) {
        if (hosts.containsKey(id)) {
            throw new VirtualWireException("host", "host name '" + id + "' is taken");
        }
        Cloud cloud = cloud(cloudId);
        String requested = Gateways.canonical("address", underlayAddress);
        if (requested != null) {
            Gateways.usedBy(hosts.values(), requested).ifPresent(who -> {
                throw new VirtualWireException("address", "underlay address " + requested + " of host " + id
                        + " is already used by " + who);
            });
        }
        // every address a host or gateway has, in any cloud: clouds may share ranges (the default cloud's
        // 198.18.0.0/16 holds the others' subnets), and an address must name one machine wherever it is seen
        Set<String> taken = hosts.values().stream()
                .flatMap(h -> h.gateway() ? Stream.of(h.underlayAddress(), h.publicAddress())
                        : Stream.of(h.underlayAddress()))
                .collect(Collectors.toSet());
        String address = driverOf(cloud).allocateAddress(cloud, id, requested, taken);
        String publicAt = Gateways.canonical("address", publicAddress);
        if (publicAt != null) {
            Gateways.checkNew(hosts.values(), cloud, publicAt);
            if (publicAt.equals(address)) {
                throw new VirtualWireException("address", "public address " + publicAt + " of gateway " + id
                        + " is its underlay address too: the two networks need one address each");
            }
            driverOf(cloud).validatePublicAddress(cloud, publicAt);
        }
        Host host = new Host(id, cloudId, address, publicAt);
        hosts.put(id, host);
        event(WireEvent.Type.ADDED, host);
        return host;
    }

    @Override
    public void removeHost(HostId id) {
        Host host = host(id);
        List<String> on = guests.values().stream().filter(g -> g.host().equals(id)).map(g -> g.id().name()).toList();
        if (!on.isEmpty()) {
            throw new VirtualWireException("host", "host " + id + " still runs guests: " + String.join(", ", on));
        }
        if (host.gateway()) {
            List<String> across = wires.values().stream().filter(w -> crosses(w, host.cloud()))
                    .map(w -> w.id().toString()).toList();
            if (!across.isEmpty()) {
                throw new VirtualWireException("host", "gateway " + id + " still carries wires to other clouds: "
                        + String.join(", ", across) + "; disconnect them first");
            }
        }
        hosts.remove(id);
        event(WireEvent.Type.REMOVED, host);
    }

    @Override
    public Guest addGuest(GuestId id, GuestKind kind, HostId hostId, VmImage image) {
        if (guests.containsKey(id)) {
            throw new VirtualWireException("guest", "guest name '" + id + "' is taken");
        }
        Host host = host(hostId);
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
        Guest guest = new Guest(id, kind, hostId, image);
        Cloud cloud = cloud(host.cloud());
        if (guest.image() != null) {
            runtimeOf(cloud).validateGuest(guest); // only the host runtime can say whether the files are there
        } else { // as before: no driver needed yet
            plugins.driver(cloud.driver()).flatMap(plugins::runtimeOf).ifPresent(r -> r.validateGuest(guest));
        }
        guests.put(id, guest);
        event(WireEvent.Type.ADDED, guest);
        return guest;
    }

    @Override
    public void removeGuest(GuestId id) {
        Guest guest = guest(id);
        refuseWhileMoving(id);
        List<EndpointId> nics = endpoints.keySet().stream().filter(e -> e.guest().equals(id)).toList();
        List<String> wired = nics.stream().filter(wireOf::containsKey).map(e -> e + " (wire " + wireOf.get(e) + ")").toList();
        if (!wired.isEmpty()) {
            throw new VirtualWireException("guest", "guest " + id + " still has wired NICs: " + String.join(", ", wired)
                    + "; disconnect them first");
        }
        nics.forEach(this::removeEndpoint);
        guests.remove(id);
        event(WireEvent.Type.REMOVED, guest);
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu) {
        Guest guest = guest(id.guest());
        if (endpoints.containsKey(id)) {
            throw new VirtualWireException("endpoint", "endpoint " + id + " already exists");
        }
        checkNicName(id);
        int slot = nextSlot;
        MacAddress m = mac == null || mac.isBlank() ? MacAddress.local(slot) : MacAddress.parse(mac.trim()).checkAssignable();
        endpoints.values().stream().filter(e -> e.mac().equals(m)).findFirst().ifPresent(e -> {
            throw new VirtualWireException("mac", "MAC address " + m + " is already used by " + e.id());
        });
        Ipv4Prefix ip = address == null || address.isBlank() ? null : Ipv4Prefix.parse(address.trim());
        if (ip != null) {
            ip.checkNicAddress(id);
        }
        int defaultMtu = driverOf(cloud(host(guest.host()).cloud())).underlayMtu(cloud(host(guest.host()).cloud()))
                - plugins.tunnel(DEFAULT_TUNNEL).map(t -> t.overhead()).orElse(DEFAULT_OVERHEAD);
        int m2 = mtu == null ? defaultMtu : mtu;
        if (m2 < 68 || m2 > defaultMtu) {
            throw new VirtualWireException("mtu", "MTU " + m2 + " of " + id + " is out of range: must be 68 to "
                    + defaultMtu + " (the underlay MTU less the tunnel overhead)");
        }
        Endpoint endpoint = new Endpoint(id, m, ip, m2, slot, mtu); // the user's mtu: a ceiling
        runtimeOf(cloud(host(guest.host()).cloud())).validateEndpoint(guest, endpoint);
        driverOf(cloud(host(guest.host()).cloud())).validateEndpoint(guest, endpoint);
        if (ip != null) { // two NICs of one guest with one address: its replies would leave by either
            endpoints.values().stream().filter(e -> e.id().guest().equals(id.guest()) && e.address() != null
                    && e.address().value() == ip.value()).findFirst().ifPresent(e -> {
                        throw new VirtualWireException("ip", "address " + ip + " of " + id + " is already used by "
                                + e.id() + " of the same guest");
                    });
        }
        if (ip != null && guest.kind() == GuestKind.SWITCH) { // its NICs are bridged: it joins their segment
            Segments segments = segments();
            Set<EndpointId> segment = new HashSet<>();
            endpoints.keySet().stream().filter(e -> e.guest().equals(id.guest()))
                    .forEach(e -> segment.addAll(segments.of(e)));
            segments.sameAddress(segment, endpoint).ifPresent(other -> {
                throw new VirtualWireException("ip", "address " + ip + " of " + id + " is already used by " + other
                        + " in the same L2 segment (switch " + id.guest() + " bridges them)");
            });
        }
        nextSlot++;
        endpoints.put(id, endpoint);
        event(WireEvent.Type.ADDED, endpoint);
        return endpoint;
    }

    @Override
    public void removeEndpoint(EndpointId id) {
        Endpoint endpoint = endpoint(id);
        if (wireOf.containsKey(id)) {
            throw new VirtualWireException("endpoint", "endpoint " + id + " is wired (wire " + wireOf.get(id)
                    + "); disconnect it first");
        }
        endpoints.remove(id);
        event(WireEvent.Type.REMOVED, endpoint);
    }

    @Override
    public Wire connect(EndpointId a, EndpointId b) {
        endpoint(a);
        endpoint(b);
        if (a.equals(b)) {
            throw new VirtualWireException("endpoint", "both ends are " + a + ": a wire joins two different endpoints");
        }
        for (EndpointId e : List.of(a, b)) {
            if (wireOf.containsKey(e)) {
                throw new VirtualWireException("endpoint", "endpoint " + e + " is already wired (wire " + wireOf.get(e)
                        + "): a NIC takes one cable");
            }
        }
        Host ha = hostOf(a);
        Host hb = hostOf(b);
        for (Host h : List.of(ha, hb)) {
            String why = unreachable.apply(h);
            if (why != null) {
                throw new VirtualWireException("host", "host " + h.id() + " is unreachable: " + why);
            }
        }
        if (!ha.equals(hb) && plugins.tunnel(DEFAULT_TUNNEL).isEmpty()) {
            throw new VirtualWireException("tunnel", "tunnel protocol '" + DEFAULT_TUNNEL + "' is not installed, so "
                    + "hosts " + ha.id() + " and " + hb.id() + " cannot be wired: install feature virtualwire-tunnel-vxlan");
        }
        Gateways.checkPath(hosts.values(), ha, hb);
        Segments segments = segments();
        segments.duplicate(segments.of(a), segments.of(b)).ifPresent(pair -> {
            throw new VirtualWireException("ip", "wire " + a + " - " + b + " would join " + pair.get(0) + " and "
                    + pair.get(1) + ", which both have address " + endpoints.get(pair.get(0)).address().address()
                    + ", into one L2 segment (NICs joined by wires and switches); give one of them another address");
        });
        Wire wire = new Wire(vnis.allocate(), a, b, DEFAULT_TUNNEL);
        wires.put(wire.id(), wire);
        wireOf.put(a, wire.id());
        wireOf.put(b, wire.id());
        fitMtu(wire, "wire " + a + " - " + b);
        event(WireEvent.Type.ADDED, wire);
        return wire;
    }

    @Override
    public void disconnect(WireId id) {
        Wire wire = wires.remove(id);
        if (wire == null) {
            throw new VirtualWireException("wire", "unknown wire " + id);
        }
        wireOf.remove(wire.a());
        wireOf.remove(wire.b());
        vnis.release(id);
        event(WireEvent.Type.REMOVED, wire);
        fitMtu(List.of(wire.a(), wire.b()), null); // its segment may widen again (mtu owns this line)
    }

    Move prepare(GuestId id, HostId to) {
        Guest guest = guest(id);
        Host target = host(to);
        refuseWhileMoving(id);
        if (guest.host().equals(to)) {
            throw new VirtualWireException("host", "guest " + id + " already runs on host " + to);
        }
        String why = unreachable.apply(target);
        if (why != null) {
            throw new VirtualWireException("host", "host " + to + " is unreachable: " + why);
        }
        if (target.gateway()) {
            throw new VirtualWireException("host", "host " + to + " is its cloud's gateway: it runs no guests");
        }
        for (Wire w : wires.values()) {
            EndpointId peer = w.a().guest().equals(id) ? w.b() : w.b().guest().equals(id) ? w.a() : null;
            if (peer != null && !peer.guest().equals(id)) {
                Gateways.checkPath(hosts.values(), target, hostOf(peer));
            }
        }
        Move move = setMove(new Move(id, guest.host(), target.id(), Move.Phase.PREPARE));
        String what = "moving guest " + id + " to host " + to;
        Topology t = build();
        for (Wire w : wires.values()) {
            if (w.a().guest().equals(id) || w.b().guest().equals(id)) {
                pathMtu().check(t, w, what);
            }
        }
        // while it moves its wires take both paths: the narrower counts on every segment they reach, before
        // a frame is sent (a VM there that cannot follow refuses the move now, before anything started)
        fitMtu(endpoints.keySet().stream().filter(e -> e.guest().equals(id)).toList(), what);
        return move;
    }

    Move advance(GuestId id, Move.Phase from, Move.Phase to) {
        Move move = moves.get(id);
        if (move == null || move.phase() != from) {
            throw new VirtualWireException("guest", "guest " + id + " is not in migration phase " + from
                    + (move == null ? " (no migration under way)" : " (it is in " + move.phase() + ")"));
        }
        if (to == Move.Phase.ACTIVE) {
            Guest g = guests.get(id);
            guests.put(id, new Guest(id, g.kind(), move.to(), g.image()));
        }
        return setMove(move.in(to));
    }

    void endMove(GuestId id, boolean rollback) {
        Move move = moves.remove(id);
        if (move == null) {
            throw new VirtualWireException("guest", "guest " + id + " has no migration under way");
        }
        if (rollback && move.phase() == Move.Phase.ACTIVE) {
            moves.put(id, move);
            throw new VirtualWireException("guest", "guest " + id + " already runs at " + move.to() + ": settle, do not roll back");
        }
        event(WireEvent.Type.UPDATED, guests.get(id));
        fitMtu(endpoints.keySet().stream().filter(e -> e.guest().equals(id)).toList(), null); // one path again (mtu)
    }

    /**
     * Refuses a wire whose path is too narrow for a guest, and gives the NICs of its L2 segment the segment's
     * MTU ({@link SegmentMtu}): a container's, switch's or router's NICs change at once; a running VM's cannot,
     * so a segment narrower than its NIC is refused. Done by {@link #fitMtus()} once the request is complete.
     */
    private void fitMtu(Wire w, String what) {
        pathsToCheck.put(w.id(), what);
        fitMtu(List.of(w.a(), w.b()), what);
    }

    /**
     * Has the NICs of the segments of {@code scope} given their segment's MTU, lower or higher than they have,
     * when the request is complete ({@link #fitMtus()}).
     *
     * @param what the request, for a refusal; null where a path only widened (a wire gone, a move ended), where
     *        nothing is refused and a cloud driver that is not installed leaves the MTUs as they are
     */
    private void fitMtu(List<EndpointId> scope, String what) {
        scope.forEach(e -> {
            if (segmentsToFit.get(e) == null) { // the first request that can be refused stays
                segmentsToFit.put(e, what);
            }
        });
    }

    /**
     * Checks the paths of the wires this draft made and fits the MTU of every L2 segment its changes touched, once
     * for the whole request: fitting after each change made a batch of 1,000 wires quadratic (each fit reads the
     * whole draft). Called by the controller before it commits; a refusal here refuses the whole request.
     */
    void fitMtus() {
        if (pathsToCheck.isEmpty() && segmentsToFit.isEmpty()) {
            return;
        }
        Topology t = build();
        PathMtu path = pathMtu();
        pathsToCheck.forEach((id, what) -> {
            Wire w = wires.get(id);
            if (w != null) {
                path.check(t, w, what);
            }
        });
        Map<EndpointId, Integer> fitted;
        try {
            fitted = new SegmentMtu(path, this::defaultMtu).fit(t, segmentsToFit);
        } catch (VirtualWireException e) {
            if (segmentsToFit.values().stream().anyMatch(java.util.Objects::nonNull) || !"driver".equals(e.field())) {
                throw e;
            }
            fitted = Map.of();
        } finally {
            pathsToCheck.clear();
            segmentsToFit.clear();
        }
        fitted.forEach((id, mtu) -> {
            endpoints.put(id, endpoints.get(id).withMtu(mtu));
            event(WireEvent.Type.UPDATED, endpoints.get(id));
        });
    }

    /** @return the MTU of a NIC the user gave none: what its guest's cloud's underlay carries, less the tunnel */
    private int defaultMtu(Endpoint e) {
        Cloud c = cloud(host(guest(e.id().guest()).host()).cloud());
        return driverOf(c).underlayMtu(c) - plugins.tunnel(DEFAULT_TUNNEL).map(t -> t.overhead()).orElse(DEFAULT_OVERHEAD);
    }

    private PathMtu pathMtu() {
        return new PathMtu(c -> driverOf(c).underlayMtu(c), c -> driverOf(c).publicMtu(c),
                plugins.tunnel(DEFAULT_TUNNEL).map(t -> t.overhead()).orElse(DEFAULT_OVERHEAD),
                plugins.gateway().map(g -> g.overhead()).orElse(DEFAULT_GATEWAY_OVERHEAD));
    }

    private Move setMove(Move move) {
        moves.put(move.guest(), move);
        event(WireEvent.Type.UPDATED, guests.get(move.guest()));
        return move;
    }

    private void refuseWhileMoving(GuestId id) {
        Move m = moves.get(id);
        if (m != null) {
            throw new VirtualWireException("guest", "guest " + id + " is already migrating (from " + m.from() + " to "
                    + m.to() + ", " + m.phase().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    /** The L2 segments of the draft as it is now: NICs joined by wires and by switches' bridges. */
    private Segments segments() {
        return new Segments(endpoints, wireOf, wires, g -> guests.get(g).kind() == GuestKind.SWITCH);
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

    private static final Set<String> RESERVED_NICS = Set.of("lo", "all", "default", "sit0", "tunl0", "gre0", "gretap0",
            "erspan0", "ip6tnl0", "ip6gre0");

    @Override
    public void batch(Consumer<WireAdminService> changes) {
        changes.accept(this);
    }

    /** @return whether a wire joins a host of the cloud to a host of another cloud */
    private boolean crosses(Wire w, CloudId cloud) {
        CloudId a = hostOf(w.a()).cloud();
        CloudId b = hostOf(w.b()).cloud();
        return !a.equals(b) && (a.equals(cloud) || b.equals(cloud));
    }

    private Host hostOf(EndpointId e) {
        return host(guest(e.guest()).host());
    }

    private CloudDriver driverOf(Cloud cloud) {
        return plugins.driverFor(cloud);
    }

    private HostRuntime runtimeOf(Cloud cloud) {
        return plugins.runtimeFor(cloud);
    }

    private Cloud cloud(CloudId id) {
        return require(clouds.get(id), "cloud", id);
    }

    private Host host(HostId id) {
        return require(hosts.get(id), "host", id);
    }

    private Guest guest(GuestId id) {
        return require(guests.get(id), "guest", id);
    }

    private Endpoint endpoint(EndpointId id) {
        return require(endpoints.get(id), "endpoint", id);
    }

    private static <T> T require(T value, String kind, Object id) {
        if (value == null) {
            throw new VirtualWireException(kind, "unknown " + kind + " '" + id + "'");
        }
        return value;
    }
}
