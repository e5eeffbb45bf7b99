package org.virtualwire.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.Status;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.StoreListener;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;


/**
 * What every {@link WireStore} does, whatever keeps the state: each implementation's test extends this class.
 * "Reopened" means a second store over the same persistence, as after a restart (or on another machine).
 */
public abstract class WireStoreContract {
    /** @return a store over empty persistence */
    protected abstract WireStore store();

    /** @return a new store over the persistence of the last {@link #store()} */
    protected abstract WireStore reopened();

    /** @return how many wires the large commit holds (each with two guests and two endpoints) */
    protected int largeWires() {
        return 300;
    }

    /** A state with every kind of entity and the optional fields both set and unset. */
    public static Topology sample(long revision, int wires) {
        CloudId lab = CloudId.of("lab");
        HostId h1 = HostId.of("h1");
        HostId h2 = HostId.of("h2");
        Map<GuestId, Guest> guests = new HashMap<>();
        Map<EndpointId, Endpoint> endpoints = new HashMap<>();
        Map<WireId, Wire> wireMap = new HashMap<>();
        for (int i = 1; i <= wires; i++) {
            GuestId a = GuestId.of("a" + i);
            GuestId b = GuestId.of("b" + i);
            guests.put(a, new Guest(a, GuestKind.CONTAINER, h1));
            guests.put(b, i == 1 ? new Guest(b, GuestKind.VM, h2, new VmImage("/srv/bzImage", null, "/srv/d.qcow2"))
                    : new Guest(b, GuestKind.VM, h2));
            EndpointId ea = new EndpointId(a, "eth0");
            EndpointId eb = new EndpointId(b, "eth0");
            endpoints.put(ea, new Endpoint(ea, MacAddress.parse(String.format("02:00:00:00:%02x:%02x", i / 256, i % 256)),
                    Ipv4Prefix.parse("10.99.0.1/24"), 1450, 0, 1500));
            endpoints.put(eb, new Endpoint(eb, MacAddress.parse(String.format("02:00:00:01:%02x:%02x", i / 256, i % 256)),
                    null, 1450, 0, null));
            wireMap.put(new WireId(i), new Wire(new WireId(i), ea, eb, "vxlan"));
        }
        Map<GuestId, Move> moves = wires == 0 ? Map.of()
                : Map.of(GuestId.of("a1"), new Move(GuestId.of("a1"), h1, h2, Move.Phase.DUAL_HOME));
        return new Topology(revision, Map.of(lab, new Cloud(lab, "local", Map.of("subnet", "198.18.0.0/16"))),
                Map.of(h1, new Host(h1, lab, "198.18.0.1", null), h2, new Host(h2, lab, "198.18.0.2", "203.0.113.2")),
                guests, endpoints, wireMap, moves);
    }

    private static Topology without(Topology t, WireId wire) {
        Map<WireId, Wire> wires = new HashMap<>(t.wires());
        wires.remove(wire);
        return new Topology(t.revision() + 1, t.clouds(), t.hosts(), t.guests(), t.endpoints(), wires, Map.of());
    }

    /** @param store a store @param from where it stands @return the state after one more commit with a changed wire */
    protected static Topology commitOneMore(WireStore store, Topology from) {
        Map<WireId, Wire> wires = new HashMap<>(from.wires());
        Wire w = wires.get(new WireId(1));
        wires.put(w.id(), new Wire(w.id(), w.a(), w.b(), "vxlan-" + (from.revision() + 1)));
        Topology next = new Topology(from.revision() + 1, from.clouds(), from.hosts(), from.guests(), from.endpoints(),
                wires, from.moves());
        store.commit(from, next);
        return next;
    }

    @Test
    void anEmptyStoreIsAtRevisionZero() {
        assertEquals(Topology.EMPTY, store().current());
    }

    @Test
    void aCommittedStateIsWhatTheStoreAndAReopenedStoreHold() {
        WireStore store = store();
        Topology next = sample(1, 3);
        store.commit(store.current(), next);
        assertEquals(next, store.current());
        assertEquals(next, reopened().current());
    }

    @Test
    void removalsAndChangesReachAReopenedStore() {
        WireStore store = store();
        Topology one = sample(1, 3);
        store.commit(store.current(), one);
        Topology two = without(one, new WireId(2));
        store.commit(one, two);
        Topology three = commitOneMore(store, two);
        assertEquals(three, reopened().current());
        assertEquals(2, reopened().current().wires().size());
    }

    @Test
    void aCommitFromAStaleStateIsRefusedAndChangesNothing() {
        WireStore store = store();
        Topology base = store.current();
        Topology one = sample(1, 2);
        store.commit(base, one);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.commit(base, sample(1, 5)));
        assertTrue(e.getMessage().contains("revision 1"), e.getMessage());
        assertEquals(one, store.current());
        assertEquals(one, reopened().current());
    }

    @Test
    void listenersAreToldOfEachCommitInOrder() {
        WireStore store = store();
        List<long[]> seen = new ArrayList<>();
        StoreListener l = (before, after) -> seen.add(new long[] {before.revision(), after.revision()});
        store.addListener(l);
        Topology one = sample(1, 1);
        store.commit(store.current(), one);
        commitOneMore(store, one);
        store.removeListener(l);
        commitOneMore(store, store.current());
        assertEquals(List.of("0->1", "1->2"), seen.stream().map(r -> r[0] + "->" + r[1]).toList());
    }

    @Test
    void aLargeCommitIsStoredWhole() {
        WireStore store = store();
        Topology big = sample(1, largeWires());
        store.commit(store.current(), big);
        assertEquals(big, reopened().current());
        Topology smaller = without(big, new WireId(7));
        store.commit(big, smaller);
        assertEquals(smaller, reopened().current());
    }

    @Test
    void reportsAreKeptPerHostAndRemovedWithNull() {
        WireStore store = store();
        HostReport r = new HostReport(4, Status.UP, Map.of(new WireId(3), new Status(Health.FAILED, "no route")),
                Map.of(GuestId.of("vm1"), new Status(Health.FAILED, "qemu exited")));
        store.report(HostId.of("h1"), r);
        store.report(HostId.of("h2"), new HostReport(3, Status.PENDING, Map.of()));
        assertEquals(r, store.reports().get(HostId.of("h1")));
        store.report(HostId.of("h2"), null);
        assertEquals(Map.of(HostId.of("h1"), r), store.reports());
    }
}
