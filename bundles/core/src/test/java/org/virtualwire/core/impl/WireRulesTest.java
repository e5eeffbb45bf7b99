package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;
import static org.virtualwire.core.impl.ChangeFixture.REACHABLE;
import static org.virtualwire.core.impl.ChangeFixture.ep;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;

class WireRulesTest {
    private final ChangeFixture f = new ChangeFixture();

    WireRulesTest() {
        ChangeRules r = f.rules();
        r.addHost(HostId.of("h1"), LOCAL, null);
        r.addHost(HostId.of("h2"), LOCAL, null);
        r.addGuest(GuestId.of("a"), GuestKind.CONTAINER, HostId.of("h1"));
        r.addGuest(GuestId.of("b"), GuestKind.CONTAINER, HostId.of("h2"));
        r.addEndpoint(ep("a/eth0"), null, "10.99.0.1/24", null);
        r.addEndpoint(ep("a/eth1"), null, null, null);
        r.addEndpoint(ep("b/eth0"), null, "10.99.0.1/24", null);
        r.addEndpoint(ep("b/eth1"), null, null, 1400);
    }

    private WireRules rules() {
        return new WireRules(f.changes, f.installed, REACHABLE, f.mtu);
    }

    private String refused(String field, WireRules rules, String a, String b) {
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> rules.connect(ep(a), ep(b)));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(0, f.changes.wires().size(), "a refused request changes nothing");
        return e.getMessage();
    }

    @Test
    void aWireTakesAVniAndItsSegmentIsFittedWithTheRequest() {
        Wire w = rules().connect(ep("a/eth1"), ep("b/eth1"));
        assertEquals(1, w.id().vni());
        assertEquals(1450, f.changes.endpoint(ep("a/eth1")).mtu(), "fitted only once the request is complete");
        f.mtu.fitAll();
        assertEquals(1400, f.changes.endpoint(ep("a/eth1")).mtu(), "the narrower NIC counts on the segment");
        rules().disconnect(w.id());
        f.mtu.fitAll();
        assertEquals(1450, f.changes.endpoint(ep("a/eth1")).mtu(), "and widens again without the wire");
    }

    @Test
    void refusals() {
        assertEquals("both ends are a/eth0: a wire joins two different endpoints",
                refused("endpoint", rules(), "a/eth0", "a/eth0"));
        assertEquals("wire a/eth0 - b/eth0 would join a/eth0 and b/eth0, which both have address 10.99.0.1, into one "
                + "L2 segment (NICs joined by wires and switches); give one of them another address",
                refused("ip", rules(), "a/eth0", "b/eth0"));
        WireRules away = new WireRules(f.changes, f.installed,
                h -> h.id().name().equals("h2") ? Optional.of("its agent failed") : Optional.empty(), f.mtu);
        assertEquals("host h2 is unreachable: its agent failed", refused("host", away, "a/eth1", "b/eth1"));
    }

    @Test
    void twoHostsNeedATunnel() {
        ChangeFixture bare = new ChangeFixture(f.changes.build());
        bare.plugins.remove(bare.plugins.tunnel("vxlan").orElseThrow());
        WireRules rules = new WireRules(bare.changes, bare.installed, REACHABLE, bare.mtu);
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> rules.connect(ep("a/eth1"), ep("b/eth1")));
        assertEquals("tunnel protocol 'vxlan' is not installed, so hosts h1 and h2 cannot be wired: install feature "
                + "virtualwire-tunnel-vxlan", e.getMessage());
        rules.connect(ep("a/eth0"), ep("a/eth1")); // one host: no tunnel needed
    }

    @Test
    void aNicTakesOneCable() {
        Wire w = rules().connect(ep("a/eth1"), ep("b/eth1"));
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> rules().connect(ep("a/eth0"), ep("b/eth1")));
        assertEquals("endpoint b/eth1 is already wired (wire " + w.id() + "): a NIC takes one cable", e.getMessage());
        assertEquals("unknown wire 7", assertThrows(VirtualWireException.class,
                () -> rules().disconnect(new org.virtualwire.api.WireId(7))).getMessage());
    }
}
