package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.TunnelProvider;

class WireManagerTest {
    private static final CloudId LOCAL = CloudId.of("local");
    @TempDir
    Path data;
    private final FakeCloudDriver driver = new FakeCloudDriver();
    private final TunnelProvider tunnel = new FakeTunnelProvider();
    private WireManager manager;

    @BeforeEach
    void setUp() {
        manager = start(1, 3);
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), LOCAL, null);
            a.addHost(HostId.of("h2"), LOCAL, null);
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            for (String nic : List.of("web1/eth0", "web1/eth1", "web2/eth0", "web2/eth1")) {
                a.addEndpoint(EndpointId.parse(nic), null, null, null);
            }
        });
    }

    private WireManager start(int vniMin, int vniMax) {
        WireManager m = new WireManager(new FileWireStore(data), vniMin, vniMax);
        m.addDriver(driver);
        m.addRuntime(driver);
        m.addTunnel(tunnel);
        m.start();
        return m;
    }

    @AfterEach
    void tearDown() {
        manager.stop();
    }

    private static EndpointId ep(String s) {
        return EndpointId.parse(s);
    }

    private void refused(String field, String words, Executable request) {
        long before = manager.wires().size() + manager.endpoints().size() + manager.guests().size() + manager.hosts().size();
        VirtualWireException e = assertThrows(VirtualWireException.class, request);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(words), "'" + e.getMessage() + "' should say '" + words + "'");
        long after = manager.wires().size() + manager.endpoints().size() + manager.guests().size() + manager.hosts().size();
        assertEquals(before, after, "a refused request changes nothing");
    }

    @Test
    void connectAllocatesDistinctVnisAndReusesFreedOnesLast() {
        Wire w1 = manager.connect(ep("web1/eth0"), ep("web2/eth0"));
        Wire w2 = manager.connect(ep("web1/eth1"), ep("web2/eth1"));
        assertNotEquals(w1.id(), w2.id());
        manager.disconnect(w1.id());
        Wire w3 = manager.connect(ep("web1/eth0"), ep("web2/eth0"));
        assertEquals(3, w3.id().vni(), "a freed VNI is in quarantine while others are free");
        manager.disconnect(w3.id());
        assertEquals(w1.id(), manager.connect(ep("web1/eth0"), ep("web2/eth0")).id(), "freed longest ago comes back first");
    }

    @Test
    void badRequestsAreRefusedWithTheProblemNamed() {
        Wire w = manager.connect(ep("web1/eth0"), ep("web2/eth0"));
        refused("endpoint", "unknown endpoint 'web1/eth9'", () -> manager.connect(ep("web1/eth9"), ep("web2/eth1")));
        refused("endpoint", "already wired (wire " + w.id() + ")", () -> manager.connect(ep("web1/eth0"), ep("web2/eth1")));
        refused("endpoint", "both ends are web1/eth1", () -> manager.connect(ep("web1/eth1"), ep("web1/eth1")));
        refused("wire", "unknown wire 99", () -> manager.disconnect(new WireId(99)));
        refused("guest", "guest name 'web1' is taken", () -> manager.addGuest(GuestId.of("web1"), GuestKind.SWITCH, HostId.of("h2")));
        refused("host", "host name 'h1' is taken", () -> manager.addHost(HostId.of("h1"), LOCAL, null));
        refused("mac", "malformed MAC address 'zz:00'", () -> manager.addEndpoint(ep("web1/eth5"), "zz:00", null, null));
        refused("ip", "malformed IPv4 address '10.99.0.300'", () -> manager.addEndpoint(ep("web1/eth5"), null, "10.99.0.300/24", null));
        refused("guest", "still has wired NICs: web1/eth0", () -> manager.removeGuest(GuestId.of("web1")));
        refused("host", "still runs guests: web1", () -> manager.removeHost(HostId.of("h1")));
    }

    @Test
    void aRefusedBatchLeavesNoTrace() {
        refused("endpoint", "unknown endpoint", () -> manager.batch(a -> {
            a.connect(ep("web1/eth0"), ep("web2/eth0"));
            a.connect(ep("web1/eth1"), ep("nobody/eth0"));
        }));
        assertTrue(manager.wires().isEmpty());
    }

    @Test
    void vniPoolExhaustionIsRefused() {
        manager.batch(a -> a.addEndpoint(ep("web1/eth2"), null, null, null));
        manager.batch(a -> a.addEndpoint(ep("web2/eth2"), null, null, null));
        manager.batch(a -> a.addEndpoint(ep("web2/eth3"), null, null, null));
        manager.batch(a -> a.addEndpoint(ep("web1/eth3"), null, null, null));
        manager.connect(ep("web1/eth0"), ep("web2/eth0"));
        manager.connect(ep("web1/eth1"), ep("web2/eth1"));
        manager.connect(ep("web1/eth2"), ep("web2/eth2"));
        refused("wire", "VNI pool exhausted", () -> manager.connect(ep("web1/eth3"), ep("web2/eth3")));
    }

    @Test
    void aHostWhoseDriverIsGoneIsUnreachableAndReportedDegraded() {
        manager.removeDriver(driver);
        refused("host", "host h1 is unreachable: cloud driver 'local' of cloud local is not installed: install feature virtualwire-driver-local",
                () -> manager.connect(ep("web1/eth0"), ep("web2/eth0")));
        assertEquals(Health.DEGRADED, manager.status(HostId.of("h1")).health());
    }

    @Test
    void aWireWhoseTunnelIsGoneIsDegradedNotLost() {
        Wire w = manager.connect(ep("web1/eth0"), ep("web2/eth0"));
        assertTrue(manager.awaitApplied(Duration.ofSeconds(5)));
        assertEquals(Health.UP, manager.status(w.id()).health());
        manager.removeTunnel(tunnel);
        assertTrue(manager.awaitApplied(Duration.ofSeconds(5)));
        assertEquals(Health.DEGRADED, manager.status(w.id()).health(), manager.status(w.id()).toString());
        assertEquals(List.of(w), manager.wires());
        manager.addTunnel(tunnel);
        assertTrue(manager.awaitApplied(Duration.ofSeconds(5)));
        assertEquals(Health.UP, manager.status(w.id()).health());
    }

    @Test
    void desiredStateSurvivesARestart() {
        Wire w = manager.connect(ep("web1/eth0"), ep("web2/eth0"));
        manager.stop();
        manager = start(1, 3);
        assertEquals(List.of(w), manager.wires());
        assertEquals(4, manager.endpoints().size());
    }

    @Test
    void aVmImageIsCheckedByCoreAndDriverAndKeptAcrossAMigrationAndARestart() {
        VmImage own = new VmImage("/srv/vm/bzImage", "/srv/vm/initrd.img", "/srv/vm/disk.qcow2");
        refused("image", "only a vm boots", () -> manager.addGuest(GuestId.of("c1"), GuestKind.CONTAINER, HostId.of("h1"), own));
        refused("kernel", "kernel path 'vm/bzImage' must be absolute",
                () -> manager.addGuest(GuestId.of("vm1"), GuestKind.VM, HostId.of("h1"), new VmImage("vm/bzImage", null, null)));
        refused("disk", "disk path 'disk.raw' must be absolute",
                () -> manager.addGuest(GuestId.of("vm1"), GuestKind.VM, HostId.of("h1"), new VmImage("/k", null, "disk.raw")));
        refused("kernel", "without a kernel",
                () -> manager.addGuest(GuestId.of("vm1"), GuestKind.VM, HostId.of("h1"), new VmImage(null, "/srv/i", null)));
        refused("kernel", "does not exist", () -> manager.batch(a -> a.addGuest(GuestId.of("vm1"), GuestKind.VM,
                HostId.of("h1"), new VmImage("/srv/missing/bzImage", null, null))));

        Guest vm = manager.addGuest(GuestId.of("vm1"), GuestKind.VM, HostId.of("h1"), own);
        assertEquals(own, vm.image());
        assertEquals(vm, driver.validatedGuests.get(driver.validatedGuests.size() - 1), "the driver checked the VM");
        assertNull(manager.addGuest(GuestId.of("vm2"), GuestKind.VM, HostId.of("h1"), new VmImage(" ", null, null)).image(),
                "blank paths are the project's image");

        manager.prepare(vm.id(), HostId.of("h2"));
        manager.dualHome(vm.id());
        manager.activate(vm.id());
        manager.settle(vm.id());
        assertEquals(new Guest(vm.id(), GuestKind.VM, HostId.of("h2"), own), manager.guest(vm.id()).orElseThrow());
        manager.stop();
        manager = start(1, 3);
        assertEquals(own, manager.guest(vm.id()).orElseThrow().image(), "the image survives a restart");
    }

    @Test
    void wiresBetweenCloudsNeedAGatewayInEachAndGatewaysRunNoGuests() {
        CloudId b = CloudId.of("b");
        manager.addCloud(b, "local", java.util.Map.of());
        manager.addHost(HostId.of("hb"), b, null);
        manager.addGuest(GuestId.of("far"), GuestKind.CONTAINER, HostId.of("hb"));
        manager.addEndpoint(ep("far/eth0"), null, null, null);
        refused("host", "cloud local has no gateway", () -> manager.connect(ep("web1/eth0"), ep("far/eth0")));
        manager.addHost(HostId.of("ga"), LOCAL, null, "198.19.0.1");
        refused("host", "cloud b has no gateway", () -> manager.connect(ep("web1/eth0"), ep("far/eth0")));
        refused("address", "already used by gateway ga", () -> manager.addHost(HostId.of("gb"), b, null, "198.19.0.1"));
        refused("host", "already has a gateway", () -> manager.addHost(HostId.of("ga2"), LOCAL, null, "198.19.0.3"));
        manager.addHost(HostId.of("gb"), b, null, "198.19.0.2");
        Wire w = manager.connect(ep("web1/eth0"), ep("far/eth0"));
        refused("host", "runs no guests", () -> manager.addGuest(GuestId.of("g"), GuestKind.CONTAINER, HostId.of("ga")));
        refused("host", "still carries wires to other clouds", () -> manager.removeHost(HostId.of("gb")));
        manager.disconnect(w.id());
        manager.removeHost(HostId.of("gb"));
    }

    @Test
    void aWireGetsTheMtuOfItsPathAndAPathUnder1280IsRefused() {
        CloudId b = CloudId.of("b");
        CloudId small = CloudId.of("small");
        manager.addCloud(b, "local", java.util.Map.of());
        manager.addCloud(small, "local", java.util.Map.of("mtu", "1300"));
        manager.addHost(HostId.of("ga"), LOCAL, null, "198.19.0.1");
        manager.addHost(HostId.of("gb"), b, null, "198.19.0.2");
        manager.addHost(HostId.of("gs"), small, null, "198.19.0.3");
        manager.addHost(HostId.of("hb"), b, null);
        manager.addHost(HostId.of("hs"), small, null);
        manager.addGuest(GuestId.of("far"), GuestKind.CONTAINER, HostId.of("hb"));
        manager.addGuest(GuestId.of("tiny"), GuestKind.CONTAINER, HostId.of("hs"));
        manager.addGuest(GuestId.of("vm"), GuestKind.VM, HostId.of("hb"));
        for (String nic : List.of("far/eth0", "tiny/eth0", "vm/eth0")) {
            manager.addEndpoint(ep(nic), null, null, null);
        }
        assertEquals(1450, manager.endpoint(ep("web1/eth0")).orElseThrow().mtu(), "1500 less VXLAN's 50");
        manager.connect(ep("web1/eth0"), ep("far/eth0"));
        // 1500 between clouds, less what the gateways add (40 when no relay says), less VXLAN's 50
        assertEquals(1410, manager.endpoint(ep("web1/eth0")).orElseThrow().mtu());
        assertEquals(1410, manager.endpoint(ep("far/eth0")).orElseThrow().mtu());
        refused("mtu", "below the 1280 IPv6 needs", () -> manager.connect(ep("web1/eth1"), ep("tiny/eth0")));
        assertEquals(1450, manager.endpoint(ep("web1/eth1")).orElseThrow().mtu(), "a refused wire changes no MTU");
        refused("mtu", "a running VM cannot change", () -> manager.connect(ep("web2/eth0"), ep("vm/eth0")));
    }
}
