package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.Topology;

/**
 * Requests the kernel or the network would refuse or break on later are refused when they are made, with the
 * field and the value named, and the store left at its revision.
 */
class ValidationTest {
    private static final CloudId LOCAL = CloudId.of("local");
    @TempDir
    Path data;
    private final FakeCloudDriver driver = new FakeCloudDriver();
    private FileWireStore store;
    private WireManager manager;

    @BeforeEach
    void setUp() {
        store = new FileWireStore(data);
        manager = new WireManager(store, 1, 5);
        manager.addDriver(driver);
        manager.addRuntime(driver);
        manager.addTunnel(new FakeTunnelProvider());
        manager.start();
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), LOCAL, "198.18.0.1");
            a.addHost(HostId.of("h2"), LOCAL, null);
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addGuest(GuestId.of("sw"), GuestKind.SWITCH, HostId.of("h1"));
            a.addGuest(GuestId.of("r1"), GuestKind.ROUTER, HostId.of("h2"));
            a.addEndpoint(ep("web1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(ep("web2/eth0"), null, "10.99.0.1/24", null); // same address, other segment: fine
            a.addEndpoint(ep("web2/eth1"), null, "10.99.0.2/24", null);
            a.addEndpoint(ep("r1/eth0"), null, "10.99.0.1/24", null);
            for (String p : List.of("p1", "p2", "p3")) {
                a.addEndpoint(ep("sw/" + p), null, null, null);
            }
        });
    }

    @AfterEach
    void tearDown() {
        manager.stop();
    }

    private static EndpointId ep(String s) {
        return EndpointId.parse(s);
    }

    /** Asserts the refusal's field, that its message names the value, and that nothing was stored. */
    private void refused(String field, String value, Executable request) {
        long revision = store.current().revision();
        VirtualWireException e = assertThrows(VirtualWireException.class, request);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(value), "'" + e.getMessage() + "' should name '" + value + "'");
        assertEquals(revision, store.current().revision(), "a refused request changes nothing");
    }

    @Test
    void macsTheKernelRefusesAreRefused() {
        refused("mac", "00:00:00:00:00:00", () -> manager.addEndpoint(ep("web1/eth5"), "00:00:00:00:00:00", "", null));
        refused("mac", "ff:ff:ff:ff:ff:ff", () -> manager.addEndpoint(ep("web1/eth5"), "FF:FF:FF:FF:FF:FF", null, null));
        refused("mac", "01:00:5e:00:00:01", () -> manager.addEndpoint(ep("web1/eth5"), "01:00:5e:00:00:01", null, null));
    }

    /** A store written before the check (the all-zero MAC was accepted) still loads: the NIC can go. */
    @Test
    void aNicStoredWithAnAllZeroMacStillLoadsAndCanBeRemoved() {
        Topology t = store.current();
        Map<EndpointId, Endpoint> endpoints = new TreeMap<>(t.endpoints());
        endpoints.put(ep("web1/eth9"), new Endpoint(ep("web1/eth9"), MacAddress.parse("00:00:00:00:00:00"), null, 1450, 99));
        store.commit(t, new Topology(t.revision() + 1, t.clouds(), t.hosts(), t.guests(), endpoints, t.wires(), t.moves()));
        manager.stop();
        store = new FileWireStore(data);
        manager = new WireManager(store, 1, 5);
        manager.addDriver(driver);
        manager.addRuntime(driver);
        manager.addTunnel(new FakeTunnelProvider());
        manager.start();
        manager.removeEndpoint(ep("web1/eth9"));
        assertTrue(manager.endpoint(ep("web1/eth9")).isEmpty());
    }

    @Test
    void nicNamesTheKernelKeepsAreRefused() {
        for (String name : List.of("lo", "all", "default", "tunl0", "sit0", "gre0")) {
            refused("endpoint", "'" + name + "'", () -> manager.addEndpoint(ep("web1/" + name), null, null, null));
        }
    }

    @Test
    void addressesANicMustNotHaveAreRefused() {
        for (String ip : List.of("127.0.0.1/8", "0.0.0.0/0", "0.0.0.1/8", "10.99.0.1/0", "224.0.0.1/24", "239.1.1.1/8",
                "240.0.0.1/4", "255.255.255.255/32", "10.99.0.0/24", "10.99.0.255/24", "10.99.3.0/30",
                "10.99.3.3/30")) {
            refused("ip", ip, () -> manager.addEndpoint(ep("web1/eth5"), null, ip, null));
        }
        // a /31 and a /32 have no network or broadcast address
        manager.addEndpoint(ep("web1/eth5"), null, "10.99.4.0/31", null);
        manager.addEndpoint(ep("web1/eth6"), null, "10.99.5.255/32", null);
    }

    @Test
    void oneAddressTwiceOnOneGuestIsRefused() {
        refused("ip", "web1/eth0", () -> manager.addEndpoint(ep("web1/eth5"), null, "10.99.0.1/16", null));
        refused("ip", "web1/eth0", () -> manager.addEndpoint(ep("web1/eth5"), null, "10.99.0.001/24", null));
    }

    @Test
    void aWireThatPutsOneAddressTwiceOnASegmentIsRefused() {
        manager.connect(ep("web1/eth0"), ep("sw/p1"));
        // web2/eth0 has web1/eth0's address: through the switch they would share a segment
        refused("ip", "10.99.0.1", () -> manager.connect(ep("web2/eth0"), ep("sw/p2")));
        refused("ip", "web2/eth0", () -> manager.connect(ep("sw/p2"), ep("web2/eth0")));
        // and straight, wire to wire
        refused("ip", "r1/eth0", () -> manager.connect(ep("web2/eth0"), ep("r1/eth0")));
        manager.connect(ep("web2/eth1"), ep("sw/p2"));
        // a router joins nothing: its eth0 has web1/eth0's address, but only its eth1 joins the switch
        manager.addEndpoint(ep("r1/eth1"), null, "10.99.0.3/24", null);
        manager.connect(ep("r1/eth1"), ep("sw/p3"));
    }

    @Test
    void anAddressedSwitchNicClashingWithItsSegmentIsRefused() {
        manager.connect(ep("web1/eth0"), ep("sw/p1"));
        refused("ip", "web1/eth0", () -> manager.addEndpoint(ep("sw/p9"), null, "10.99.0.1/24", null));
    }

    @Test
    void anUnderlayAddressInUseIsRefusedNamingWhoUsesIt() {
        refused("address", "host h1", () -> manager.addHost(HostId.of("h3"), LOCAL, "198.18.0.1"));
        refused("address", "198.18.0.1", () -> manager.addHost(HostId.of("h3"), LOCAL, "198.18.0.01"));
        manager.addCloud(CloudId.of("east"), "local", Map.of("subnet", "198.18.1.0/24"));
        manager.addHost(HostId.of("e1"), CloudId.of("east"), "198.18.1.1");
        manager.addHost(HostId.of("egw"), CloudId.of("east"), "198.18.1.254", "198.19.0.1");
        // another cloud's host, a gateway's public address: one address names one machine
        refused("address", "host e1", () -> manager.addHost(HostId.of("h3"), LOCAL, "198.18.1.1"));
        refused("address", "gateway egw", () -> manager.addHost(HostId.of("h3"), LOCAL, "198.19.0.1"));
        manager.addCloud(CloudId.of("west"), "local", Map.of("subnet", "198.18.2.0/24"));
        refused("address", "gateway egw", () -> manager.addHost(HostId.of("wgw"), CloudId.of("west"), null, "198.19.0.1"));
        refused("address", "host h1", () -> manager.addHost(HostId.of("wgw"), CloudId.of("west"), null, "198.18.0.1"));
        refused("address", "198.18.2.7", () -> manager.addHost(HostId.of("wgw"), CloudId.of("west"), "198.18.2.7", "198.18.2.7"));
    }

    @Test
    void addressesChosenByTheDriverSkipEveryCloudsHosts() {
        manager.addCloud(CloudId.of("east"), "local", Map.of("subnet", "198.18.1.0/24"));
        manager.addHost(HostId.of("e1"), CloudId.of("east"), "198.18.0.3");
        assertNotEquals("198.18.0.3", manager.addHost(HostId.of("h3"), LOCAL, null).underlayAddress());
    }

    @Test
    void aNewCloudIsCheckedAgainstTheCloudsThereAre() {
        manager.addCloud(CloudId.of("east"), "local", Map.of("subnet", "198.18.1.0/24"));
        assertEquals(List.of(LOCAL), driver.othersSeen.get(0).stream().map(Cloud::id).toList());
    }

    @Test
    void aDisconnectedWiresVniComesBackOnlyAfterTheOtherFreeOnes() {
        manager.batch(a -> {
            for (String e : List.of("web1/eth1", "web1/eth2", "web1/eth3")) {
                a.addEndpoint(ep(e), null, null, null);
            }
        });
        Wire w1 = manager.connect(ep("web1/eth1"), ep("sw/p1"));
        Wire w2 = manager.connect(ep("web1/eth2"), ep("sw/p2"));
        assertEquals(List.of(1, 2), List.of(w1.id().vni(), w2.id().vni()));
        manager.disconnect(w1.id());
        assertEquals(3, manager.connect(ep("web1/eth1"), ep("sw/p1")).id().vni(), "1 is in quarantine");
        manager.disconnect(w2.id());
        assertEquals(4, manager.connect(ep("web1/eth2"), ep("sw/p2")).id().vni());
        assertEquals(5, manager.connect(ep("web1/eth3"), ep("sw/p3")).id().vni());
        // the range (1..5) is used up but for 1 and 2: the one released longest ago comes first
        manager.disconnect(new WireId(5));
        assertEquals(1, manager.connect(ep("web1/eth3"), ep("sw/p3")).id().vni());
        manager.batch(a -> a.addEndpoint(ep("web2/eth2"), null, null, null));
        assertEquals(2, manager.connect(ep("web2/eth2"), ep("r1/eth0")).id().vni());
    }

    @Test
    void aRefusedChangeKeepsNoVni() {
        manager.batch(a -> a.addEndpoint(ep("web1/eth1"), null, null, null));
        assertThrows(VirtualWireException.class, () -> manager.batch(a -> {
            a.connect(ep("web1/eth1"), ep("sw/p1"));
            a.connect(ep("web1/eth1"), ep("sw/p2"));
        }));
        assertEquals(1, manager.connect(ep("web1/eth1"), ep("sw/p1")).id().vni(), "the refused batch took no VNI");
    }

    @Test
    void afterARestartVnisStartAboveTheLiveOnes() {
        manager.batch(a -> a.addEndpoint(ep("web1/eth1"), null, null, null));
        manager.connect(ep("web1/eth1"), ep("sw/p1"));
        Wire w2 = manager.connect(ep("web1/eth0"), ep("sw/p2"));
        manager.connect(ep("web2/eth1"), ep("sw/p3"));
        manager.disconnect(w2.id());
        manager.stop();
        manager = new WireManager(new FileWireStore(data), 1, 5);
        manager.addDriver(driver);
        manager.addRuntime(driver);
        manager.addTunnel(new FakeTunnelProvider());
        manager.start();
        assertEquals(4, manager.connect(ep("web1/eth0"), ep("sw/p2")).id().vni());
    }
}
