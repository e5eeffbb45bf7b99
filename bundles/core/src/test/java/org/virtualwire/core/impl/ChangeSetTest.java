package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;
import static org.virtualwire.core.impl.ChangeFixture.ep;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireEvent;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;

class ChangeSetTest {
    private static final HostId H1 = HostId.of("h1");
    private static final GuestId WEB = GuestId.of("web");

    private static ChangeSet withGuest() {
        ChangeSet c = new ChangeFixture().changes;
        c.add(new Host(H1, LOCAL, "198.18.0.1"));
        c.add(new Guest(WEB, GuestKind.CONTAINER, H1));
        c.add(endpoint("web/eth0", c.nextSlot()));
        c.add(endpoint("web/eth1", c.nextSlot()));
        return c;
    }

    private static Endpoint endpoint(String name, int slot) {
        return new Endpoint(ep(name), MacAddress.local(slot), null, 1450, slot);
    }

    @Test
    void buildsTheNextRevisionAndLeavesTheBaseAsItWas() {
        Topology base = new ChangeFixture().changes.build();
        ChangeFixture f = new ChangeFixture(base);
        assertFalse(f.changes.changed());
        f.changes.add(new Host(H1, LOCAL, "198.18.0.1"));
        Topology next = f.changes.build();
        assertTrue(f.changes.changed());
        assertEquals(base.revision() + 1, next.revision());
        assertEquals(List.of(H1), List.copyOf(next.hosts().keySet()));
        assertTrue(base.hosts().isEmpty(), "the base is a copy's source, not changed");
        assertThrows(UnsupportedOperationException.class, () -> f.changes.hosts().clear(), "read views only");
    }

    @Test
    void eachChangeIsOneEventInOrder() {
        ChangeSet c = withGuest();
        Wire w = c.connect(ep("web/eth0"), ep("web/eth1"), "vxlan");
        c.disconnect(w.id());
        assertEquals(List.of("ADDED Host", "ADDED Guest", "ADDED Endpoint", "ADDED Endpoint", "ADDED Wire", "REMOVED Wire"),
                c.events().stream().map(e -> e.type() + " " + e.subject().getClass().getSimpleName()).toList());
    }

    @Test
    void endpointsTakeTheNextSlotAfterTheHighestOfTheBase() {
        ChangeSet c = withGuest();
        assertEquals(List.of(1, 2), c.endpoints().values().stream().map(Endpoint::slot).toList());
        ChangeSet next = new ChangeSet(c.build(), 1, WireId.MAX_VNI, VniPool.History.fresh());
        assertEquals(3, next.nextSlot());
    }

    @Test
    void wiresTakeAVniAndKnowTheirEndsAndAReleasedVniWaitsInQuarantine() {
        ChangeSet c = withGuest();
        Wire w = c.connect(ep("web/eth0"), ep("web/eth1"), "vxlan");
        assertEquals(1, w.id().vni());
        assertEquals(Optional.of(w.id()), c.wireOf(ep("web/eth1")));
        assertEquals(w, c.disconnect(w.id()));
        assertEquals(Optional.empty(), c.wireOf(ep("web/eth1")));
        assertEquals(2, c.connect(ep("web/eth0"), ep("web/eth1"), "vxlan").id().vni(), "1 is in quarantine");
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> c.disconnect(new WireId(9)));
        assertEquals("wire", e.field());
        assertEquals("unknown wire 9", e.getMessage());
    }

    @Test
    void aDisconnectedWiresVniComesBackWhenNoOtherIsLeft() {
        ChangeSet one = new ChangeSet(withGuest().build(), 5, 5, VniPool.History.fresh());
        one.disconnect(one.connect(ep("web/eth0"), ep("web/eth1"), "vxlan").id());
        assertEquals(5, one.connect(ep("web/eth0"), ep("web/eth1"), "vxlan").id().vni());
    }

    @Test
    void theVniMemoryGoesFromOneChangeSetToTheNext() {
        ChangeSet c = withGuest();
        c.disconnect(c.connect(ep("web/eth0"), ep("web/eth1"), "vxlan").id());
        ChangeSet next = new ChangeSet(c.build(), 1, WireId.MAX_VNI, c.vniHistory());
        assertEquals(2, next.connect(ep("web/eth0"), ep("web/eth1"), "vxlan").id().vni());
        ChangeSet forgetful = new ChangeSet(c.build(), 1, WireId.MAX_VNI, VniPool.History.fresh());
        assertEquals(1, forgetful.connect(ep("web/eth0"), ep("web/eth1"), "vxlan").id().vni());
    }

    @Test
    void aMoveUpdatesItsGuestAndRunOnChangesTheHost() {
        ChangeSet c = withGuest();
        HostId h2 = HostId.of("h2");
        c.add(new Host(h2, LOCAL, "198.18.0.2"));
        c.put(new Move(WEB, H1, h2, Move.Phase.PREPARE));
        c.runOn(WEB, h2);
        assertEquals(h2, c.guest(WEB).host());
        c.endMove(WEB);
        assertEquals(Map.of(), c.moves());
        List<WireEvent> events = c.events();
        assertEquals(new WireEvent(WireEvent.Type.UPDATED, c.guest(WEB)), events.get(events.size() - 1));
    }

    @Test
    void unknownNamesAreRefusedWithTheirKind() {
        ChangeSet c = withGuest();
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> c.hostOf(ep("db/eth0")));
        assertEquals("guest", e.field());
        assertEquals("unknown guest 'db'", e.getMessage());
        assertEquals("endpoint", assertThrows(VirtualWireException.class, () -> c.endpoint(ep("web/eth9"))).field());
        assertEquals(LOCAL, c.cloudOf(ep("web/eth0")).id());
    }
}
