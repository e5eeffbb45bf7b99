package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;
import static org.virtualwire.core.impl.ChangeFixture.ep;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.spi.Move;

class GuestRulesTest {
    private static final HostId H1 = HostId.of("h1");
    private static final GuestId WEB = GuestId.of("web");
    private final ChangeFixture f = new ChangeFixture();
    private final GuestRules rules = new GuestRules(f.changes, f.installed);

    GuestRulesTest() {
        f.rules().addHost(H1, LOCAL, null);
    }

    @Test
    void aGatewayRunsNoGuests() {
        f.rules().addHost(HostId.of("gw"), LOCAL, "198.18.0.9", "198.19.0.9");
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> rules.add(WEB, GuestKind.CONTAINER, HostId.of("gw"), null));
        assertEquals("host gw is its cloud's gateway: it relays wires and runs no guests", e.getMessage());
    }

    @Test
    void onlyAVmBootsAnImageAndTheDriverChecksItsFiles() {
        VmImage image = new VmImage("/boot/missing-vmlinuz", null, null);
        assertEquals("image", assertThrows(VirtualWireException.class,
                () -> rules.add(WEB, GuestKind.CONTAINER, H1, image)).field());
        assertEquals("kernel /boot/missing-vmlinuz does not exist",
                assertThrows(VirtualWireException.class, () -> rules.add(WEB, GuestKind.VM, H1, image)).getMessage());
        rules.add(WEB, GuestKind.CONTAINER, H1, null);
        assertEquals(List.of(WEB, WEB), f.driver.validatedGuests.stream().map(g -> g.id()).toList());
    }

    @Test
    void aGuestGoesWithItsUnwiredNicsAndStaysWhileWiredOrMoving() {
        rules.add(WEB, GuestKind.CONTAINER, H1, null);
        f.rules().addEndpoint(ep("web/eth0"), null, null, null);
        f.rules().addEndpoint(ep("web/eth1"), null, null, null);
        var wire = f.rules().connect(ep("web/eth0"), ep("web/eth1"));
        VirtualWireException wired = assertThrows(VirtualWireException.class, () -> rules.remove(WEB));
        assertEquals("guest web still has wired NICs: web/eth0 (wire " + wire.id() + "), web/eth1 (wire " + wire.id()
                + "); disconnect them first", wired.getMessage());
        f.rules().disconnect(wire.id());
        f.changes.put(new Move(WEB, H1, HostId.of("h2"), Move.Phase.PREPARE));
        assertTrue(assertThrows(VirtualWireException.class, () -> rules.remove(WEB)).getMessage()
                .startsWith("guest web is already migrating (from h1 to h2, prepare)"));
        f.changes.endMove(WEB);
        rules.remove(WEB);
        assertEquals(0, f.changes.endpoints().size());
        assertEquals(List.of("REMOVED Endpoint", "REMOVED Endpoint", "REMOVED Guest"), f.changes.events().stream()
                .skip(f.changes.events().size() - 3).map(e -> e.type() + " " + e.subject().getClass().getSimpleName())
                .toList());
    }
}
