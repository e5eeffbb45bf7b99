package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;
import static org.virtualwire.core.impl.ChangeFixture.ep;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;

class EndpointRulesTest {
    private final ChangeFixture f = new ChangeFixture();
    private final EndpointRules rules = new EndpointRules(f.changes, f.installed);

    EndpointRulesTest() {
        f.rules().addHost(HostId.of("h1"), LOCAL, null);
        f.rules().addGuest(GuestId.of("web"), GuestKind.CONTAINER, HostId.of("h1"));
        f.rules().addGuest(GuestId.of("sw"), GuestKind.SWITCH, HostId.of("h1"));
    }

    private String refused(String field, Runnable request) {
        int before = f.changes.endpoints().size();
        VirtualWireException e = assertThrows(VirtualWireException.class, request::run);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(before, f.changes.endpoints().size(), "a refused request changes nothing");
        return e.getMessage();
    }

    @Test
    void aNicGetsTheUnderlayLessTheTunnelAndItsSlotsMac() {
        Endpoint e = rules.add(ep("web/eth0"), null, "10.99.0.1/24", null);
        assertEquals(1450, e.mtu());
        assertEquals(1, e.slot());
        assertEquals(2, rules.add(ep("web/eth1"), null, null, 1400).slot());
        assertEquals(1400, f.changes.endpoint(ep("web/eth1")).mtu());
    }

    @Test
    void reservedNamesTakenMacsAndMtusOutOfRangeAreRefused() {
        assertEquals("NIC name 'lo' of web/lo is reserved by the kernel in every namespace: choose another, e.g. eth0",
                refused("endpoint", () -> rules.add(ep("web/lo"), null, null, null)));
        assertEquals("MTU 1451 of web/eth0 is out of range: must be 68 to 1450 (the underlay MTU less the tunnel "
                + "overhead)", refused("mtu", () -> rules.add(ep("web/eth0"), null, null, 1451)));
        rules.add(ep("web/eth0"), "02:00:00:00:00:09", null, null);
        assertEquals("MAC address 02:00:00:00:00:09 is already used by web/eth0",
                refused("mac", () -> rules.add(ep("web/eth1"), "02:00:00:00:00:09", null, null)));
        assertEquals("endpoint web/eth0 already exists", refused("endpoint", () -> rules.add(ep("web/eth0"), null, null, null)));
    }

    @Test
    void oneAddressOncePerGuestAndPerSwitchSegment() {
        rules.add(ep("web/eth0"), null, "10.99.0.1/24", null);
        assertEquals("address 10.99.0.1/24 of web/eth1 is already used by web/eth0 of the same guest",
                refused("ip", () -> rules.add(ep("web/eth1"), null, "10.99.0.1/24", null)));
        rules.add(ep("sw/p1"), null, null, null);
        f.rules().connect(ep("web/eth0"), ep("sw/p1"));
        assertEquals("address 10.99.0.1/24 of sw/p2 is already used by web/eth0 in the same L2 segment (switch sw "
                + "bridges them)", refused("ip", () -> rules.add(ep("sw/p2"), null, "10.99.0.1/24", null)));
    }

    @Test
    void aWiredNicStays() {
        rules.add(ep("web/eth0"), null, null, null);
        rules.add(ep("sw/p1"), null, null, null);
        var wire = f.rules().connect(ep("web/eth0"), ep("sw/p1"));
        assertEquals("endpoint web/eth0 is wired (wire " + wire.id() + "); disconnect it first",
                refused("endpoint", () -> rules.remove(ep("web/eth0"))));
        f.rules().disconnect(wire.id());
        rules.remove(ep("web/eth0"));
        assertEquals(1, f.changes.endpoints().size());
    }
}
