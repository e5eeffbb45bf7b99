package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.Topology;

/**
 * One MTU per L2 segment (a switch's NICs and what is wired to them, chained switches too), the smallest of its
 * paths and of its NICs' ceilings; it follows a move both ways; a VM that cannot take it refuses the request.
 * Clouds: {@code local} (underlay 1500: NICs 1450 inside it) and {@code narrow} (1400: 1350, and 1350 for a
 * wire between the two: min(1500, 1400, 1500 - 40 of gateways) - 50).
 */
class SegmentMtuTest {
    private static final CloudId LOCAL = CloudId.of("local");
    private static final CloudId NARROW = CloudId.of("narrow");
    @TempDir
    Path data;
    private WireManager manager;
    private FileWireStore store;

    @BeforeEach
    void setUp() {
        store = new FileWireStore(data);
        manager = new WireManager(store, 1, 1000);
        FakeCloudDriver fake = new FakeCloudDriver();
        manager.addDriver(fake);
        manager.addRuntime(fake);
        manager.addTunnel(new FakeTunnelProvider());
        manager.start();
        manager.batch(a -> {
            a.addCloud(NARROW, "local", Map.of("mtu", "1400"));
            a.addHost(HostId.of("h1"), LOCAL, null);
            a.addHost(HostId.of("h2"), LOCAL, null);
            a.addHost(HostId.of("ga"), LOCAL, null, "198.19.0.1");
            a.addHost(HostId.of("n1"), NARROW, null);
            a.addHost(HostId.of("gn"), NARROW, null, "198.19.0.2");
            a.addGuest(GuestId.of("sw"), GuestKind.SWITCH, HostId.of("h1"));
            a.addGuest(GuestId.of("c1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("c2"), GuestKind.CONTAINER, HostId.of("h2"));
            for (String nic : List.of("sw/p1", "sw/p2", "sw/p3", "c1/eth0", "c2/eth0")) {
                a.addEndpoint(ep(nic), null, null, null);
            }
            a.connect(ep("c1/eth0"), ep("sw/p1"));
            a.connect(ep("c2/eth0"), ep("sw/p2"));
        });
    }

    @AfterEach
    void tearDown() {
        manager.stop();
    }

    private static EndpointId ep(String s) {
        return EndpointId.parse(s);
    }

    private int mtu(String nic) {
        return manager.endpoint(ep(nic)).orElseThrow().mtu();
    }

    private void assertMtu(int expected, String... nics) {
        for (String nic : nics) {
            assertEquals(expected, mtu(nic), nic);
        }
    }

    /** What wire-list shows: the smaller of a wire's two ends. */
    private int wireMtu(String end) {
        var w = manager.wireOf(ep(end)).orElseThrow();
        return Math.min(mtu(w.a().toString()), mtu(w.b().toString()));
    }

    private void move(String guest, String to) {
        GuestId id = GuestId.of(guest);
        manager.prepare(id, HostId.of(to));
        manager.dualHome(id);
        manager.activate(id);
        manager.settle(id);
    }

    @Test
    void aSwitchsNicsAndWhatIsWiredToThemShareTheNarrowestPath() {
        assertMtu(1450, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3");
        manager.batch(a -> {
            a.addGuest(GuestId.of("far"), GuestKind.CONTAINER, HostId.of("n1"));
            a.addEndpoint(ep("far/eth0"), null, null, null);
            a.addGuest(GuestId.of("sw2"), GuestKind.SWITCH, HostId.of("h2"));
            a.addEndpoint(ep("sw2/q1"), null, null, null);
            a.addEndpoint(ep("sw2/q2"), null, null, null);
            a.addGuest(GuestId.of("c3"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(ep("c3/eth0"), null, null, null);
            a.addEndpoint(ep("c3/eth1"), null, null, null);
            a.addGuest(GuestId.of("c4"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(ep("c4/eth0"), null, null, null);
            a.connect(ep("sw/p3"), ep("sw2/q1")); // a chained switch: the same segment
            a.connect(ep("sw2/q2"), ep("c3/eth0"));
            a.connect(ep("c3/eth1"), ep("c4/eth0")); // behind c3, which routes: a segment of its own
        });
        assertMtu(1450, "sw/p3", "sw2/q1", "c3/eth0");
        manager.batch(a -> a.addEndpoint(ep("sw2/q3"), null, null, null));
        manager.connect(ep("far/eth0"), ep("sw2/q3")); // this wire crosses into the narrow cloud
        assertMtu(1350, "far/eth0", "sw2/q3", "sw2/q1", "sw2/q2", "sw/p3", "sw/p1", "sw/p2", "c1/eth0", "c2/eth0",
                "c3/eth0");
        assertEquals(1350, wireMtu("c1/eth0"), "wire-list shows the segment's MTU on every wire of it");
        assertMtu(1450, "c3/eth1", "c4/eth0");

        manager.disconnect(manager.wireOf(ep("far/eth0")).orElseThrow().id());
        assertMtu(1450, "sw2/q3", "sw2/q1", "sw/p1", "c1/eth0", "c3/eth0");
        assertMtu(1350, "far/eth0"); // alone in the narrow cloud
    }

    @Test
    void aNicsOwnMtuIsTheCeilingOfItsSegment() {
        manager.batch(a -> {
            a.addGuest(GuestId.of("c5"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(ep("c5/eth0"), null, null, 1400);
        });
        manager.connect(ep("c5/eth0"), ep("sw/p3"));
        assertMtu(1400, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3", "c5/eth0");
        move("sw", "n1");
        assertMtu(1350, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3", "c5/eth0");
        move("sw", "h2");
        assertMtu(1400, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3", "c5/eth0");
        assertEquals(1400, manager.endpoint(ep("c5/eth0")).orElseThrow().requested());
    }

    @Test
    void theNicsFollowAMoveIntoANarrowCloudAndBack() {
        GuestId sw = GuestId.of("sw");
        manager.prepare(sw, HostId.of("n1"));
        // lowered before a frame takes the new path: while dual-homed both paths count
        assertMtu(1350, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3");
        manager.dualHome(sw);
        manager.activate(sw);
        manager.settle(sw);
        assertMtu(1350, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3");
        assertEquals(1350, wireMtu("c2/eth0"));
        manager.prepare(sw, HostId.of("h2"));
        assertMtu(1350, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2"); // both paths still count
        manager.dualHome(sw);
        manager.activate(sw);
        manager.settle(sw);
        assertMtu(1450, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3");

        manager.prepare(sw, HostId.of("n1"));
        manager.rollback(sw);
        assertMtu(1450, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3"); // rolled back: the wide path again
    }

    @Test
    void aVmThatCannotTakeItsSegmentsMtuRefusesTheMoveOrWireNamingItsNic() {
        manager.batch(a -> {
            a.addGuest(GuestId.of("vm"), GuestKind.VM, HostId.of("h2"));
            a.addEndpoint(ep("vm/eth0"), null, null, null);
            a.addGuest(GuestId.of("far"), GuestKind.CONTAINER, HostId.of("n1"));
            a.addEndpoint(ep("far/eth0"), null, null, null);
            a.addEndpoint(ep("sw/p4"), null, null, null);
        });
        manager.connect(ep("vm/eth0"), ep("sw/p3"));
        Topology before = store.current();

        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> manager.prepare(GuestId.of("sw"), HostId.of("n1")));
        assertEquals("mtu", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("moving guest sw to host n1") && e.getMessage().contains("VM NIC vm/eth0")
                && e.getMessage().contains("1350"), e.getMessage());
        assertEquals(before, store.current(), "a refused move changes nothing");

        e = assertThrows(VirtualWireException.class, () -> manager.connect(ep("far/eth0"), ep("sw/p4")));
        assertEquals("mtu", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("VM NIC vm/eth0") && e.getMessage().contains("a running VM cannot change"),
                e.getMessage());
        assertEquals(before, store.current(), "a refused wire changes nothing");
        assertMtu(1450, "c1/eth0", "vm/eth0");

        e = assertThrows(VirtualWireException.class, () -> manager.prepare(GuestId.of("vm"), HostId.of("n1")));
        assertEquals("mtu", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("moving guest vm to host n1") && e.getMessage().contains("VM NIC vm/eth0"),
                e.getMessage());
        assertEquals(before, store.current(), "a VM that would move into a narrower path is refused too");
    }

    @Test
    void aVmWithASmallerNicNarrowsItsSegment() {
        manager.batch(a -> {
            a.addGuest(GuestId.of("vm"), GuestKind.VM, HostId.of("h2"));
            a.addEndpoint(ep("vm/eth0"), null, null, 1300);
        });
        manager.connect(ep("vm/eth0"), ep("sw/p3"));
        assertMtu(1300, "c1/eth0", "sw/p1", "c2/eth0", "sw/p2", "sw/p3", "vm/eth0");
        Endpoint vm = manager.endpoint(ep("vm/eth0")).orElseThrow();
        assertEquals(1300, vm.mtu());
    }
}
