package org.virtualwire.core.impl;

import org.virtualwire.spi.CloudDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;
import static org.virtualwire.core.impl.ChangeFixture.ep;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;

class MtuFittingTest {
    private final ChangeFixture f = new ChangeFixture();

    MtuFittingTest() {
        ChangeRules r = f.rules();
        r.addHost(HostId.of("h1"), LOCAL, null);
        r.addGuest(GuestId.of("a"), GuestKind.CONTAINER, HostId.of("h1"));
        r.addGuest(GuestId.of("vm"), GuestKind.VM, HostId.of("h1"));
        r.addEndpoint(ep("a/eth0"), null, null, 1300);
        r.addEndpoint(ep("a/eth1"), null, null, null);
        r.addEndpoint(ep("vm/eth0"), null, null, null);
    }

    private int mtu(String nic) {
        return f.changes.endpoint(ep(nic)).mtu();
    }

    @Test
    void nothingNotedNothingFitted() {
        int events = f.changes.events().size();
        f.mtu.fitAll();
        assertEquals(events, f.changes.events().size());
    }

    @Test
    void aSegmentGetsItsNarrowestNicOnceTheRequestIsComplete() {
        Wire w = f.changes.connect(ep("a/eth0"), ep("a/eth1"), "vxlan");
        f.mtu.fit(w, "wire a/eth0 - a/eth1");
        assertEquals(1450, mtu("a/eth1"));
        int events = f.changes.events().size();
        f.mtu.fitAll();
        assertEquals(1300, mtu("a/eth1"));
        assertEquals(events + 1, f.changes.events().size(), "one UPDATED event for the NIC that changed");
        f.mtu.fitAll();
        assertEquals(events + 1, f.changes.events().size(), "what was noted is fitted once");
    }

    @Test
    void aRunningVmsNicCannotShrinkSoTheRequestIsRefused() {
        Wire w = f.changes.connect(ep("a/eth0"), ep("vm/eth0"), "vxlan");
        f.mtu.fit(w, "wire a/eth0 - vm/eth0");
        VirtualWireException e = assertThrows(VirtualWireException.class, f.mtu::fitAll);
        assertEquals("mtu", e.field(), e.getMessage());
    }

    @Test
    void aPathThatOnlyWidenedIsLeftAsItIsWhenTheDriverIsGone() {
        Wire w = f.changes.connect(ep("a/eth0"), ep("a/eth1"), "vxlan");
        f.mtu.fit(w, "wire");
        f.mtu.fitAll();
        f.changes.disconnect(w.id());
        f.plugins.remove((CloudDriver) f.driver);
        f.mtu.fit(List.of(w.a(), w.b()), null);
        f.mtu.fitAll(); // no refusal: nothing was asked that a driver must allow
        assertEquals(1300, mtu("a/eth1"));
        f.mtu.fit(List.of(w.a(), w.b()), "a request");
        f.mtu.fit(List.of(w.a(), w.b()), null); // a widening noted later does not hide the request that can be refused
        assertEquals("driver", assertThrows(VirtualWireException.class, f.mtu::fitAll).field());
    }
}
