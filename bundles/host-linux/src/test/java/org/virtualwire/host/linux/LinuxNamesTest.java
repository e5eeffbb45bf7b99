package org.virtualwire.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;

class LinuxNamesTest {
    private static Host host(String address) {
        return new Host(HostId.of("h"), CloudId.of("local"), address);
    }

    @Test
    void linkNamesFitTheKernelsFifteenCharactersAtTheExtremes() {
        String longest = LinuxNames.link(Integer.MAX_VALUE, host("255.255.255.255"));
        assertEquals("lzik0zj.1z141z3", longest);
        assertTrue(longest.length() <= 15);
        assertTrue(LinuxNames.port(Integer.MAX_VALUE).length() <= 15);
    }

    @Test
    void everyHostGivesANicAnotherLinkAndEveryNicItsOwnPrefix() {
        assertNotEquals(LinuxNames.link(7, host("198.18.0.1")), LinuxNames.link(7, host("198.18.0.2")));
        assertTrue(LinuxNames.link(7, host("198.18.0.1")).startsWith(LinuxNames.linkPrefix(7)));
        assertTrue(!LinuxNames.link(70, host("198.18.0.1")).startsWith(LinuxNames.linkPrefix(7)));
    }

    @Test
    void portsAndLinksCannotBeMistakenForAGuestsOwnNic() {
        // a guest's NIC names are [a-z][a-z0-9]*: a dot is never in them
        assertTrue(LinuxNames.port(5).contains("."));
        assertTrue(LinuxNames.link(5, host("198.18.0.1")).contains("."));
    }

    @Test
    void slotsAreReadBackFromHostSideNames() {
        assertEquals(42, LinuxNames.slotOf("ve42"));
        assertEquals(-1, LinuxNames.slotOf("vx42"));
        assertEquals(-1, LinuxNames.slotOf("ve"));
        assertEquals(-1, LinuxNames.slotOf("vex"));
    }

    @Test
    void guestsHaveTheirOwnNamespacesAndHostsTheDriversOnes() {
        LinuxNames names = new LinuxNames("vw-");
        assertEquals("vw-g-web1", names.guest(org.virtualwire.api.GuestId.of("web1")));
        assertEquals("vw-h-h1", names.host(HostId.of("h1")), "the local driver's name of host h1's namespace");
    }
}
