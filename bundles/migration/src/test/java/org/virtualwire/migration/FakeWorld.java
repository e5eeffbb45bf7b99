package org.virtualwire.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.spi.Move;
import org.virtualwire.testing.InMemoryWires;

/**
 * The controller in memory: guests, hosts and NICs (the shared fixture) and moves, refusing what the real one
 * refuses, and noting every move step called.
 */
class FakeWorld extends InMemoryWires implements GuestMoves {
    static final CloudId LOCAL = CloudId.of("local");
    final Map<GuestId, Move> moves = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<VirtualWireException> refusals = new CopyOnWriteArrayList<>();
    /** Whether the agents apply the state as it is now; tests change it to make a step time out. */
    volatile BooleanSupplier applies = () -> true;

    FakeWorld host(String name) {
        addHost(HostId.of(name), LOCAL, null);
        return this;
    }

    FakeWorld guest(String name, GuestKind kind, String host, String... nics) {
        addGuest(GuestId.of(name), kind, HostId.of(host));
        for (String nic : nics) {
            addEndpoint(new EndpointId(GuestId.of(name), nic), null, null, null);
        }
        return this;
    }

    HostId hostOf(String guest) {
        return guest(GuestId.of(guest)).orElseThrow().host();
    }

    /** When set, prepare breaks with it (not a refusal: e.g. the store failed). */
    volatile RuntimeException prepareBreaks;

    @Override
    public synchronized Move prepare(GuestId guest, HostId to) {
        calls.add("prepare " + guest);
        if (prepareBreaks != null) {
            throw prepareBreaks;
        }
        Guest g = guest(guest).orElse(null);
        if (g == null || host(to).isEmpty()) {
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
        moveGuest(guest, m.to());
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

    /** @return the calls that concern one guest, in order */
    List<String> callsOf(String guest) {
        List<String> mine = new ArrayList<>();
        calls.stream().filter(c -> c.endsWith(" " + guest)).forEach(mine::add);
        return mine;
    }
}
