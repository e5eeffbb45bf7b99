package org.virtualwire.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The value types' own rules about MACs and IPv4 prefixes. */
class AddressesTest {
    private static void refused(String field, String value, Runnable check) {
        VirtualWireException e = assertThrows(VirtualWireException.class, check::run);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(value), "'" + e.getMessage() + "' should name '" + value + "'");
    }

    @Test
    void broadcastAndAllZeroMacsAreRefusedByName() {
        refused("mac", "broadcast", () -> MacAddress.parse("FF:FF:FF:FF:FF:FF"));
        refused("mac", "all zero", () -> MacAddress.parse("00:00:00:00:00:00").checkAssignable());
        assertEquals("02:00:00:00:00:01", MacAddress.parse("02:00:00:00:00:01").checkAssignable().text());
    }

    @Test
    void anAddressIsWrittenOneWay() {
        assertEquals("10.99.0.1/24", Ipv4Prefix.parse("10.99.000.01/24").toString());
        assertEquals(Ipv4Prefix.parse("10.99.0.1/24"), Ipv4Prefix.parse("10.099.0.1/24"));
    }

    @Test
    void whatANicMustNotHave() {
        for (String ip : List.of("0.0.0.0/0", "0.1.2.3/8", "10.99.0.1/0", "127.0.0.1/8", "127.1.2.3/32", "224.0.0.1/24",
                "239.255.255.250/32", "240.0.0.1/24", "255.255.255.255/32", "10.99.0.0/24", "10.99.0.255/24",
                "10.0.0.0/8", "10.255.255.255/8", "10.99.0.4/30", "10.99.0.7/30")) {
            refused("ip", ip, () -> Ipv4Prefix.parse(ip).checkNicAddress("x/eth0"));
        }
        for (String ip : List.of("10.99.0.1/24", "10.99.0.254/24", "10.99.0.5/30", "10.99.0.6/30", "10.99.0.0/31",
                "10.99.0.1/31", "10.99.0.0/32", "10.99.0.255/32", "1.0.0.1/1", "223.255.255.254/24")) {
            Ipv4Prefix.parse(ip).checkNicAddress("x/eth0");
        }
    }

    @Test
    void prefixesOverlapWhenTheyShareAnAddress() {
        Ipv4Prefix a = Ipv4Prefix.parse("198.18.0.0/24");
        assertTrue(a.overlaps(Ipv4Prefix.parse("198.18.0.128/25")));
        assertTrue(Ipv4Prefix.parse("198.18.0.128/25").overlaps(a));
        assertTrue(a.overlaps(Ipv4Prefix.parse("198.18.0.0/16")));
        assertFalse(a.overlaps(Ipv4Prefix.parse("198.18.1.0/24")));
        assertTrue(Ipv4Prefix.parse("0.0.0.0/0").overlaps(a));
        assertTrue(a.contains(Ipv4Prefix.toInt("198.18.0.255")));
        assertFalse(a.contains(Ipv4Prefix.toInt("198.18.1.0")));
    }
}
