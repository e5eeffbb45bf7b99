package org.virtualwire.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.Status;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireListener;
import org.virtualwire.api.WireService;

/**
 * The wire services in memory, for the tests of every module (topology, console, JMX, migration): the
 * controller's refusals for the mistakes those tests make (names and addresses taken, unknown references, a NIC
 * wired twice, removing what something still uses), worded as the controller words them, and all-or-nothing
 * batches. Counts batches and changes so tests can see what ran. Status is UP, counters are zero (see
 * {@link #counting}) and the agents have always applied: a subclass answers otherwise where a test needs it.
 * Safe to call from several threads (a migration's steps run on the route's).
 */
public class InMemoryWires implements WireService, WireAdminService {
    private State state = new State();
    /** Batches run, refused ones included. */
    public int batches;
    /** Changes made and kept (a refused batch takes its own back). */
    public int changes;
    private EndCounters countsA = EndCounters.ZERO;
    private EndCounters countsB = EndCounters.ZERO;

    /** Wires get VNIs from 1. */
    public InMemoryWires() {
        this(1);
    }

    /** @param firstVni the VNI of the first wire, so that a test can tell a wire id from a count */
    public InMemoryWires(int firstVni) {
        state.nextVni = firstVni;
    }

    /** Everything, copied whole at the start of a batch so a refused batch can be put back. */
    private static final class State {
        final Map<CloudId, Cloud> clouds = new TreeMap<>();
        final Map<HostId, Host> hosts = new TreeMap<>();
        final Map<GuestId, Guest> guests = new TreeMap<>();
        final Map<EndpointId, Endpoint> endpoints = new TreeMap<>();
        final Map<WireId, Wire> wires = new TreeMap<>();
        final Map<EndpointId, Wire> plugged = new HashMap<>();
        int nextSlot = 1;
        int nextVni = 1;
        int nextAddress = 1;

        State() {
            clouds.put(CloudId.of("local"), new Cloud(CloudId.of("local"), "local", Map.of()));
        }

        State copy() {
            State s = new State();
            s.clouds.putAll(clouds);
            s.hosts.putAll(hosts);
            s.guests.putAll(guests);
            s.endpoints.putAll(endpoints);
            s.wires.putAll(wires);
            s.plugged.putAll(plugged);
            s.nextSlot = nextSlot;
            s.nextVni = nextVni;
            s.nextAddress = nextAddress;
            return s;
        }
    }

    private static VirtualWireException refuse(String field, String message) {
        return new VirtualWireException(field, message);
    }

    @Override
    public synchronized Cloud addCloud(CloudId id, String driver, Map<String, String> properties) {
        if (state.clouds.containsKey(id)) {
            throw refuse("cloud", "cloud name '" + id + "' is taken");
        }
        changes++;
        Cloud c = new Cloud(id, driver, properties);
        state.clouds.put(id, c);
        return c;
    }

    @Override
    public synchronized void removeCloud(CloudId id) {
        if (id.name().equals("local")) {
            throw refuse("cloud", "the local cloud cannot be removed");
        }
        get(state.clouds, id, "cloud");
        List<String> in = state.hosts.values().stream().filter(h -> h.cloud().equals(id)).map(h -> h.id().name()).toList();
        if (!in.isEmpty()) {
            throw refuse("cloud", "cloud " + id + " still has hosts: " + String.join(", ", in));
        }
        changes++;
        state.clouds.remove(id);
    }

    @Override
    public synchronized Host addHost(HostId id, CloudId cloud, String underlayAddress, String publicAddress) {
        get(state.clouds, cloud, "cloud");
        if (state.hosts.containsKey(id)) {
            throw refuse("host", "host name '" + id + "' is taken");
        }
        String address = underlayAddress;
        if (address == null) {
            do {
                address = Ipv4Prefix.fromInt(Ipv4Prefix.toInt("198.18.0.0") + state.nextAddress++);
            } while (addressTaken(address));
        } else if (addressTaken(address)) {
            throw refuse("address", "underlay address " + address + " is taken");
        }
        changes++;
        Host h = new Host(id, cloud, address, publicAddress);
        state.hosts.put(id, h);
        return h;
    }

    private boolean addressTaken(String address) {
        return state.hosts.values().stream().anyMatch(h -> address.equals(h.underlayAddress()));
    }

    @Override
    public synchronized void removeHost(HostId id) {
        get(state.hosts, id, "host");
        List<String> on = state.guests.values().stream().filter(g -> g.host().equals(id)).map(g -> g.id().name()).toList();
        if (!on.isEmpty()) {
            throw refuse("host", "host " + id + " still runs guests: " + String.join(", ", on));
        }
        changes++;
        state.hosts.remove(id);
    }

    @Override
    public synchronized Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image) {
        get(state.hosts, host, "host");
        if (state.guests.containsKey(id)) {
            throw refuse("guest", "guest name '" + id + "' is taken");
        }
        changes++;
        Guest g = new Guest(id, kind, host, image);
        state.guests.put(id, g);
        return g;
    }

    @Override
    public synchronized void removeGuest(GuestId id) {
        get(state.guests, id, "guest");
        List<EndpointId> own = state.endpoints.keySet().stream().filter(e -> e.guest().equals(id)).toList();
        List<String> wired = own.stream().filter(state.plugged::containsKey)
                .map(e -> e + " (wire " + state.plugged.get(e).id() + ")").toList();
        if (!wired.isEmpty()) {
            throw refuse("guest", "guest " + id + " still has wired NICs: " + String.join(", ", wired)
                    + "; disconnect them first");
        }
        changes++;
        own.forEach(state.endpoints::remove);
        state.guests.remove(id);
    }

    @Override
    public synchronized Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu) {
        get(state.guests, id.guest(), "guest");
        if (state.endpoints.containsKey(id)) {
            throw refuse("endpoint", "endpoint " + id + " already exists");
        }
        int slot = state.nextSlot;
        Endpoint e = new Endpoint(id, mac == null ? MacAddress.local(slot) : MacAddress.parse(mac),
                address == null ? null : Ipv4Prefix.parse(address), mtu == null ? 1450 : mtu, slot);
        changes++;
        state.nextSlot++;
        state.endpoints.put(id, e);
        return e;
    }

    @Override
    public synchronized void removeEndpoint(EndpointId id) {
        get(state.endpoints, id, "endpoint");
        if (state.plugged.containsKey(id)) {
            throw refuse("endpoint", "endpoint " + id + " is wired (wire " + state.plugged.get(id).id()
                    + "); disconnect it first");
        }
        changes++;
        state.endpoints.remove(id);
    }

    @Override
    public synchronized Wire connect(EndpointId a, EndpointId b) {
        get(state.endpoints, a, "endpoint");
        get(state.endpoints, b, "endpoint");
        if (a.equals(b)) {
            throw refuse("endpoint", "both ends are " + a + ": a wire joins two different endpoints");
        }
        for (EndpointId e : List.of(a, b)) {
            if (state.plugged.containsKey(e)) {
                throw refuse("endpoint", "endpoint " + e + " is already wired (wire " + state.plugged.get(e).id()
                        + "): a NIC takes one cable");
            }
        }
        while (state.wires.containsKey(new WireId(state.nextVni))) {
            state.nextVni++;
        }
        changes++;
        Wire w = new Wire(new WireId(state.nextVni++), a, b, "vxlan");
        state.wires.put(w.id(), w);
        state.plugged.put(a, w);
        state.plugged.put(b, w);
        return w;
    }

    /**
     * A wire to an outside VTEP, as the controller makes one: its id is the VTEP's VNI; the anchor is the one given,
     * else the VTEP's address with its last byte 1 (the controller takes it from the underlay instead).
     */
    @Override
    public synchronized Wire connect(EndpointId a, OutsideVtep far) {
        get(state.endpoints, a, "endpoint");
        if (state.plugged.containsKey(a)) {
            throw refuse("endpoint", "endpoint " + a + " is already wired (wire " + state.plugged.get(a).id()
                    + "): a NIC takes one cable");
        }
        WireId id = new WireId(far.vni());
        if (state.wires.containsKey(id)) {
            throw refuse("vni", "VNI " + far.vni() + " is taken by wire " + id);
        }
        String anchor = far.anchor() != null ? far.anchor()
                : far.address().substring(0, far.address().lastIndexOf('.')) + ".1";
        changes++;
        Wire w = new Wire(id, a, null, "vxlan", far.withAnchor(anchor));
        state.wires.put(id, w);
        state.plugged.put(a, w);
        return w;
    }

    @Override
    public synchronized void disconnect(WireId id) {
        Wire w = get(state.wires, id, "wire");
        changes++;
        state.wires.remove(id);
        state.plugged.remove(w.a());
        if (w.b() != null) {
            state.plugged.remove(w.b());
        }
    }

    @Override
    public synchronized void batch(Consumer<WireAdminService> batch) {
        batches++;
        State before = state.copy();
        int changesBefore = changes;
        try {
            batch.accept(this);
        } catch (RuntimeException e) {
            state = before;
            changes = changesBefore;
            throw e;
        }
    }

    private static <K, V> V get(Map<K, V> map, K id, String what) {
        V v = map.get(id);
        if (v == null) {
            // as the controller: a wire's id is a number, every other name is quoted
            throw refuse(what, "unknown " + what + (id instanceof WireId ? " " + id : " '" + id + "'"));
        }
        return v;
    }

    @Override
    public synchronized List<Cloud> clouds() {
        return new ArrayList<>(state.clouds.values());
    }

    @Override
    public synchronized List<Host> hosts() {
        return new ArrayList<>(state.hosts.values());
    }

    @Override
    public synchronized List<Guest> guests() {
        return new ArrayList<>(state.guests.values());
    }

    @Override
    public synchronized List<Endpoint> endpoints() {
        return new ArrayList<>(state.endpoints.values());
    }

    @Override
    public synchronized List<Wire> wires() {
        return new ArrayList<>(state.wires.values());
    }

    @Override
    public synchronized Optional<Cloud> cloud(CloudId id) {
        return Optional.ofNullable(state.clouds.get(id));
    }

    @Override
    public synchronized Optional<Host> host(HostId id) {
        return Optional.ofNullable(state.hosts.get(id));
    }

    @Override
    public synchronized Optional<Guest> guest(GuestId id) {
        return Optional.ofNullable(state.guests.get(id));
    }

    @Override
    public synchronized Optional<Endpoint> endpoint(EndpointId id) {
        return Optional.ofNullable(state.endpoints.get(id));
    }

    @Override
    public synchronized Optional<Wire> wire(WireId id) {
        return Optional.ofNullable(state.wires.get(id));
    }

    @Override
    public synchronized Optional<Wire> wireOf(EndpointId endpoint) {
        return Optional.ofNullable(state.plugged.get(endpoint));
    }

    @Override
    public synchronized Status status(HostId host) {
        get(state.hosts, host, "host");
        return Status.UP;
    }

    @Override
    public synchronized Status status(WireId wire) {
        get(state.wires, wire, "wire");
        return Status.UP;
    }

    @Override
    public synchronized WireCounters counters(WireId wire) {
        get(state.wires, wire, "wire");
        return new WireCounters(wire, countsA, countsB);
    }

    /**
     * @param a what {@link #counters} says for every wire's first end from now on
     * @param b and for its second end
     * @return this
     */
    public synchronized InMemoryWires counting(EndCounters a, EndCounters b) {
        countsA = a;
        countsB = b;
        return this;
    }

    @Override
    public synchronized boolean awaitApplied(Duration timeout) {
        return true;
    }

    /**
     * Puts a guest on another host, as the controller does when a move becomes active.
     *
     * @param id a guest
     * @param to its new host
     */
    public synchronized void moveGuest(GuestId id, HostId to) {
        Guest g = get(state.guests, id, "guest");
        get(state.hosts, to, "host");
        changes++;
        state.guests.put(id, new Guest(id, g.kind(), to, g.image()));
    }

    /**
     * Two hosts, a container on each and one wire between their NICs: see {@link #twoHostsOneWire}.
     *
     * @return this
     */
    public InMemoryWires withWire() {
        twoHostsOneWire(this);
        return this;
    }

    /**
     * Makes two hosts, a container on each and one wire between their NICs, on any wire service: h1 runs web1
     * (web1/eth0, 10.99.0.1/24), h2 runs web2 (web2/eth0, 10.99.0.2/24).
     *
     * @param admin where
     */
    public static void twoHostsOneWire(WireAdminService admin) {
        admin.addHost(HostId.of("h1"), CloudId.of("local"), null);
        admin.addHost(HostId.of("h2"), CloudId.of("local"), null);
        admin.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
        admin.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
        admin.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
        admin.addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
        admin.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
    }

    @Override
    public synchronized void addListener(WireListener listener) {
    }

    @Override
    public synchronized void removeListener(WireListener listener) {
    }
}
