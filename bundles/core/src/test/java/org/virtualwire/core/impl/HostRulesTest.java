package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.virtualwire.core.impl.ChangeFixture.LOCAL;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;

class HostRulesTest {
    private static final HostId H1 = HostId.of("h1");
    private final ChangeFixture f = new ChangeFixture();
    private final HostRules rules = new HostRules(f.changes, f.installed);

    @Test
    void theDriverAllocatesAnAddressNoOtherMachineHas() {
        assertEquals("198.18.0.1", rules.add(H1, LOCAL, null, null).underlayAddress());
        assertEquals("198.18.0.2", rules.add(HostId.of("h2"), LOCAL, null, null).underlayAddress());
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> rules.add(HostId.of("h3"), LOCAL, "198.18.0.2", null));
        assertEquals("address", e.field());
        assertEquals("underlay address 198.18.0.2 of host h3 is already used by host h2 (its underlay address in cloud local)",
                e.getMessage());
    }

    @Test
    void aTakenNameOrAnUnknownCloudIsRefused() {
        rules.add(H1, LOCAL, null, null);
        assertEquals("host name 'h1' is taken",
                assertThrows(VirtualWireException.class, () -> rules.add(H1, LOCAL, null, null)).getMessage());
        assertEquals("unknown cloud 'dc9'", assertThrows(VirtualWireException.class,
                () -> rules.add(HostId.of("h2"), org.virtualwire.api.CloudId.of("dc9"), null, null)).getMessage());
    }

    @Test
    void aGatewayNeedsTwoAddresses() {
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> rules.add(HostId.of("gw"), LOCAL, "198.18.0.9", "198.18.0.9"));
        assertEquals("public address 198.18.0.9 of gateway gw is its underlay address too: the two networks need one "
                + "address each", e.getMessage());
    }

    @Test
    void aHostWithGuestsStays() {
        rules.add(H1, LOCAL, null, null);
        f.rules().addGuest(GuestId.of("web"), GuestKind.CONTAINER, H1);
        assertEquals("host h1 still runs guests: web",
                assertThrows(VirtualWireException.class, () -> rules.remove(H1)).getMessage());
        f.rules().removeGuest(GuestId.of("web"));
        rules.remove(H1);
        assertEquals(0, f.changes.hosts().size());
    }
}
