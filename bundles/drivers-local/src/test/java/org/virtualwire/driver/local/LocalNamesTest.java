package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.HostId;

class LocalNamesTest {
    @Test
    void underlayPortsFitTheKernelsFifteenCharacters() {
        assertTrue(LocalNames.underlayPort("255.255.255.255").length() <= 15);
    }

    @Test
    void theDriverSweepsItsOwnNamespacesNotTheRuntimesGuests() {
        LocalNames names = new LocalNames("vw-");
        assertEquals(List.of("vw-h-h1", "vw-u-local", "vw-inter"),
                names.ours(List.of("vw-h-h1", "vw-g-web1", "vw-u-local", "vw-inter", "vw-gateway")));
        assertEquals("vw-h-h1", names.host(HostId.of("h1")));
    }

    @Test
    void aHostsUplinkMacFollowsItsAddress() {
        assertEquals("02:76:c6:12:00:03", LocalNames.uplinkMac("198.18.0.3"));
        assertEquals("02:76:ff:ff:ff:ff", LocalNames.uplinkMac("255.255.255.255"));
    }
}
