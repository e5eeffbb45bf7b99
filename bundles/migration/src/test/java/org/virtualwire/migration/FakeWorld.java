package org.virtualwire.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireListener;
import org.virtualwire.api.WireService;
import org.virtualwire.api.GuestMoves;
import org.virtualwire.spi.Move;

/**
 * The controller in memory: guests, hosts, NICs and moves, refusing what the real one refuses, and noting
 * every move step called.
 */
class FakeWorld implements WireService, GuestMoves {
    static final CloudId LOCAL = CloudId.of("local");
    final Map<CloudId, Cloud> clouds = new ConcurrentSkipListMap<>(Map.of(LOCAL, new Cloud(LOCAL, "local", Map.of())));
    final Map<HostId, Host> hosts = new ConcurrentSkipListMap<>();
    final Map<GuestId, Guest> guests = new ConcurrentSkipListMap<>();
    final Map<EndpointId, Endpoint> endpoints = new ConcurrentSkipListMap<>();
    final Map<GuestId, Move> moves = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<VirtualWireException> refusals = new CopyOnWriteArrayList<>();
    /** Whether the agents apply the state as it is now; tests change it to make a step time out. */
    volatile BooleanSupplier applies = () -> true;

    FakeWorld host(String name) {
        hosts.put(HostId.of(name), new Host(HostId.of(name), LOCAL, "198.18.0." + (hosts.size() + 1)));
        return this;
    }

    FakeWorld guest(String name, GuestKind kind, String host, String... nics) {
        guests.put(GuestId.of(name), new Guest(GuestId.of(name), kind, HostId.of(host)));
        for (String nic : nics) {
            EndpointId id = new EndpointId(GuestId.of(name), nic);
            endpoints.put(id, new Endpoint(id, null, null, 1450, endpoints.size() + 1));
        }
        return this;
    }

    HostId hostOf(String guest) {
        return guests.get(GuestId.of(guest)).host();
    }

    @Override
    public synchronized Move prepare(GuestId guest, HostId to) {
        calls.add("prepare " + guest);
        Guest g = guests.get(guest);
        if (g == null || !hosts.containsKey(to)) {
            throw refuse(g == null ? "guest" : "host", "unknown " + (g == null ? "guest " + guest : "host " + to));
        }
        if (moves.containsKey(guest)) {
            throw refuse("guest", "guest " + guest + " is already migrating");
        }
        if (g.host().equals(to)) {
            throw refuse("host", "guest " + guest + " already runs on host " + to);
        }
        Move m = new Move(guest, g.host(), to, Move.Phase.PREPARE);
        moves.put(guest, m);
        return m;
    }

    private VirtualWireException refuse(String field, String message) {
        VirtualWireException e = new VirtualWireException(field, message);
        refusals.add(e);
        return e;
    }

    @Override
    public synchronized Move dualHome(GuestId guest) {
        calls.add("dualHome " + guest);
        return advance(guest, Move.Phase.PREPARE, Move.Phase.DUAL_HOME);
    }

    @Override
    public synchronized Move activate(GuestId guest) {
        calls.add("activate " + guest);
        Move m = advance(guest, Move.Phase.DUAL_HOME, Move.Phase.ACTIVE);
        Guest g = guests.get(guest);
        guests.put(guest, new Guest(guest, g.kind(), m.to()));
        return m;
    }

    private Move advance(GuestId guest, Move.Phase from, Move.Phase to) {
        Move m = moves.get(guest);
        if (m == null || m.phase() != from) {
            throw new VirtualWireException("guest", "guest " + guest + " is not in phase " + from);
        }
        moves.put(guest, m.in(to));
        return m.in(to);
    }

    @Override
    public synchronized void settle(GuestId guest) {
        calls.add("settle " + guest);
        if (moves.remove(guest) == null) {
            throw new VirtualWireException("guest", "guest " + guest + " has no migration under way");
        }
    }

    @Override
    public synchronized void rollback(GuestId guest) {
        calls.add("rollback " + guest);
        Move m = moves.get(guest);
        if (m == null || m.phase() == Move.Phase.ACTIVE) {
            throw new VirtualWireException("guest", "guest " + guest + " cannot roll back");
        }
        moves.remove(guest);
    }

    @Override
    public Optional<Move> move(GuestId guest) {
        return Optional.ofNullable(moves.get(guest));
    }

    @Override
    public boolean awaitApplied(Duration timeout) {
        return applies.getAsBoolean();
    }

    @Override public List<Cloud> clouds() { return List.copyOf(clouds.values()); }
    @Override public List<Host> hosts() { return List.copyOf(hosts.values()); }
    @Override public List<Guest> guests() { return List.copyOf(guests.values()); }
    @Override public List<Endpoint> endpoints() { return List.copyOf(endpoints.values()); }
    @Override public List<Wire> wires() { return Collections.emptyList(); }
    @Override public Optional<Cloud> cloud(CloudId id) { return Optional.ofNullable(clouds.get(id)); }
    @Override public Optional<Host> host(HostId id) { return Optional.ofNullable(hosts.get(id)); }
    @Override public Optional<Guest> guest(GuestId id) { return Optional.ofNullable(guests.get(id)); }
    @Override public Optional<Endpoint> endpoint(EndpointId id) { return Optional.ofNullable(endpoints.get(id)); }
    @Override public Optional<Wire> wire(WireId id) { return Optional.empty(); }
    @Override public Optional<Wire> wireOf(EndpointId endpoint) { return Optional.empty(); }
    @Override public Status status(HostId host) { return Status.UP; }
    @Override public Status status(WireId wire) { return Status.UP; }
    @Override public WireCounters counters(WireId wire) { throw new UnsupportedOperationException(); }
    @Override public void addListener(WireListener listener) { }
    @Override public void removeListener(WireListener listener) { }

    /** @return the calls that concern one guest, in order */
    List<String> callsOf(String guest) {
        List<String> mine = new ArrayList<>();
        calls.stream().filter(c -> c.endsWith(" " + guest)).forEach(mine::add);
        return mine;
    }
}
