package org.virtualwire.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The written forms {@code vxlan:ADDRESS/VNI} and {@code PREFIX via HOP}: read one way, refused by name. */
class OutsideVtepAndRouteTest {
    private static void refused(String field, String words, Runnable r) {
        VirtualWireException e = assertThrows(VirtualWireException.class, r::run);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(words), "'" + e.getMessage() + "' should say '" + words + "'");
    }

    @Test
    void outsideVteps() {
        OutsideVtep v = OutsideVtep.parse(" vxlan:198.18.0.0200/7 ".replace("0200", "200"));
        assertEquals(new OutsideVtep("198.18.0.200", 7, null), v);
        assertEquals("vxlan:198.18.0.200/7", v.toString());
        assertEquals(16777215, OutsideVtep.parse("vxlan:10.0.0.1/16777215").vni());
        assertTrue(OutsideVtep.isOutside("vxlan:1.2.3.4/5"));
        assertFalse(OutsideVtep.isOutside("web1/eth0"));
        refused("endpoint", "write vxlan:ADDRESS/VNI", () -> OutsideVtep.parse("vxlan:198.18.0.200"));
        refused("endpoint", "write vxlan:ADDRESS/VNI", () -> OutsideVtep.parse("vxlan:198.18.0.200/7/8"));
        refused("vni", "invalid VNI 'seven'", () -> OutsideVtep.parse("vxlan:198.18.0.200/seven"));
        refused("vni", "invalid VNI 0", () -> OutsideVtep.parse("vxlan:198.18.0.200/0"));
        refused("vni", "invalid VNI 16777216", () -> OutsideVtep.parse("vxlan:198.18.0.200/16777216"));
        refused("ip", "malformed IPv4 address '198.18.0'", () -> OutsideVtep.parse("vxlan:198.18.0/7"));
        refused("endpoint", "must be a unicast address", () -> OutsideVtep.parse("vxlan:127.0.0.1/7"));
        refused("endpoint", "must be a unicast address", () -> OutsideVtep.parse("vxlan:239.1.1.1/7"));
        refused("endpoint", "must be a unicast address", () -> OutsideVtep.parse("vxlan:0.0.0.0/7"));
    }

    @Test
    void routes() {
        Route r = Route.parse("  10.99.2.0/24   via 10.99.1.1 ");
        assertEquals(new Route(Ipv4Prefix.parse("10.99.2.0/24"), "10.99.1.1"), r);
        assertEquals("10.99.2.0/24 via 10.99.1.1", r.toString());
        refused("routes", "write PREFIX via ADDRESS", () -> Route.parse("10.99.2.0/24 10.99.1.1"));
        refused("routes", "write PREFIX via ADDRESS", () -> Route.parse("10.99.2.0/24 gw 10.99.1.1"));
        refused("routes", "host bits set; write 10.99.2.0/24", () -> Route.parse("10.99.2.7/24 via 10.99.1.1"));
        refused("routes", "give the default route as a NIC's gateway", () -> Route.parse("0.0.0.0/0 via 10.99.1.1"));
        refused("routes", "malformed IPv4 address '10.99.1'", () -> Route.parse("10.99.2.0/24 via 10.99.1"));
        refused("routes", "malformed IPv4 prefix length", () -> Route.parse("10.99.2.0/x via 10.99.1.1"));
    }
}
