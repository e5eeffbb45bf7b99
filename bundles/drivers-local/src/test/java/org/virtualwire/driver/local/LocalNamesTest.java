package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;

class LocalNamesTest {
    private static Host host(String address) {
        return new Host(HostId.of("h"), CloudId.of("local"), address);
    }

    @Test
    void linkNamesFitTheKernelsFifteenCharactersAtTheExtremes() {
        String longest = LocalNames.link(Integer.MAX_VALUE, host("255.255.255.255"));
        assertEquals("lzik0zj.1z141z3", longest);
        assertTrue(longest.length() <= 15);
        assertTrue(LocalNames.port(Integer.MAX_VALUE).length() <= 15);
        assertTrue(LocalNames.underlayPort("255.255.255.255").length() <= 15);
    }

    @Test
    void everyHostGivesANicAnotherLinkAndEveryNicItsOwnPrefix() {
        assertNotEquals(LocalNames.link(7, host("198.18.0.1")), LocalNames.link(7, host("198.18.0.2")));
        assertTrue(LocalNames.link(7, host("198.18.0.1")).startsWith(LocalNames.linkPrefix(7)));
        assertTrue(!LocalNames.link(70, host("198.18.0.1")).startsWith(LocalNames.linkPrefix(7)));
    }

    @Test
    void portsAndLinksCannotBeMistakenForAGuestsOwnNic() {
        // a guest's NIC names are [a-z][a-z0-9]*: a dot is never in them
        assertTrue(LocalNames.port(5).contains("."));
        assertTrue(LocalNames.link(5, host("198.18.0.1")).contains("."));
    }

    @Test
    void slotsAreReadBackFromHostSideNames() {
        assertEquals(42, LocalNames.slotOf("ve42"));
        assertEquals(-1, LocalNames.slotOf("vx42"));
        assertEquals(-1, LocalNames.slotOf("ve"));
        assertEquals(-1, LocalNames.slotOf("vex"));
    }

    @Test
    void aHostsUplinkMacFollowsItsAddress() {
        assertEquals("02:76:c6:12:00:03", LocalNames.uplinkMac("198.18.0.3"));
        assertEquals("02:76:ff:ff:ff:ff", LocalNames.uplinkMac("255.255.255.255"));
    }
}
