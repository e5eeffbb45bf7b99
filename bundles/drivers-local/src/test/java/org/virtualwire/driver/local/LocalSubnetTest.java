package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.host.linux.LinuxHostRuntime;

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

    private static void refused(String field, String value, Executable request) {
        VirtualWireException e = assertThrows(VirtualWireException.class, request);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(value), "'" + e.getMessage() + "' should name '" + value + "'");
    }

    private static Cloud cloud(String name, String subnet) {
        return new Cloud(CloudId.of(name), "local", subnet == null ? Map.of() : Map.of("subnet", subnet));
    }

    @Test
    void aSubnetOverlappingTheNetworkBetweenGatewaysIsRefused() {
        refused("subnet", "198.19.0.0/24", () -> LocalSubnet.parseNew("198.19.0.0/24"));
        refused("subnet", "198.18.0.0/15", () -> LocalSubnet.parseNew("198.18.0.0/15"));
        LocalCloudDriver driver = new LocalCloudDriver("vwt-");
        refused("subnet", "198.19.4.0/24", () -> driver.validate(cloud("b", "198.19.4.0/24"), List.of()));
        assertEquals("198.18.0.0/16", LocalSubnet.parseNew("198.18.0.0/16").prefix().toString());
        // a cloud stored before the check is still read
        assertEquals(24, LocalSubnet.parse("198.19.4.0/24").length());
    }

    @Test
    void aCloudWhoseSubnetOverlapsAnotherCloudsIsRefusedNamingIt() {
        LocalCloudDriver driver = new LocalCloudDriver("vwt-");
        List<Cloud> others = List.of(cloud("local", null), cloud("a", "198.18.0.0/24"));
        refused("subnet", "cloud a", () -> driver.validate(cloud("b", "198.18.0.128/25"), others));
        refused("subnet", "198.18.0.0/24", () -> driver.validate(cloud("b", "198.18.0.0/16"), others));
        // the default cloud, without a subnet, lends its 198.18.0.0/16: clouds with subnets lie in it
        driver.validate(cloud("b", "198.18.1.0/24"), others);
        driver.validate(cloud("b", null), others);
    }

    @Test
    void aHostAddressIsWrittenOneWay() {
        assertEquals("198.18.4.1", LocalSubnet.parse("198.18.4.0/24").allocate("198.18.4.01", Set.of()));
        assertThrows(VirtualWireException.class,
                () -> LocalSubnet.parse("198.18.4.0/24").allocate("198.18.4.01", Set.of("198.18.4.1")));
    }

    @Test
    void nicsTheDriverWouldBreakOnAreRefused() {
        LocalCloudDriver driver = new LocalCloudDriver("vwt-");
        Guest sw = new Guest(GuestId.of("sw"), GuestKind.SWITCH, HostId.of("h1"), null);
        Guest ct = new Guest(GuestId.of("ct"), GuestKind.CONTAINER, HostId.of("h1"), null);
        LinuxHostRuntime runtime = new LinuxHostRuntime("vwt-"); // the switch's bridge is the host runtime's
        refused("endpoint", "'br0'", () -> runtime.validateEndpoint(sw, nic("sw/br0", null)));
        runtime.validateEndpoint(ct, nic("ct/br0", null));
        driver.validateEndpoint(sw, nic("sw/br0", null));
        for (String ip : List.of("198.18.0.7/24", "198.18.200.1/16", "198.19.0.1/16")) {
            refused("ip", ip, () -> driver.validateEndpoint(ct, nic("ct/eth0", ip)));
        }
        driver.validateEndpoint(ct, nic("ct/eth0", "10.99.0.1/24"));
        driver.validateEndpoint(ct, nic("ct/eth0", "198.20.0.1/24"));
    }

    private static Endpoint nic(String id, String ip) {
        return new Endpoint(EndpointId.parse(id), MacAddress.local(1), ip == null ? null : Ipv4Prefix.parse(ip), 1450, 1);
    }
}
