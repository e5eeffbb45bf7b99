package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.VirtualWireException;

class LocalSubnetTest {
    @Test
    void handsOutTheLowestFreeHostAddress() {
        LocalSubnet s = LocalSubnet.parse("198.18.4.0/24");
        assertEquals("198.18.4.1", s.allocate(null, Set.of()));
        assertEquals("198.18.4.3", s.allocate(null, Set.of("198.18.4.1", "198.18.4.2")));
    }

    @Test
    void refusesRoutableSubnetsTakenAndForeignAddresses() {
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> LocalSubnet.parse("10.0.0.0/8"));
        assertEquals("subnet", e.field());
        assertTrue(e.getMessage().contains("198.18.0.0/15"));
        LocalSubnet s = LocalSubnet.parse("198.18.4.0/30");
        assertThrows(VirtualWireException.class, () -> s.allocate("198.18.4.1", Set.of("198.18.4.1")));
        assertThrows(VirtualWireException.class, () -> s.allocate("198.18.5.1", Set.of()));
        assertThrows(VirtualWireException.class, () -> s.allocate("198.18.4.3", Set.of()), "broadcast");
        assertThrows(VirtualWireException.class, () -> s.allocate(null, Set.of("198.18.4.1", "198.18.4.2")), "full");
    }
}
