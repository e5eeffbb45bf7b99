package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.Status;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.WireId;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.LinuxKernel;
import org.virtualwire.host.linux.LinuxNames;

/**
 * Faults on real namespaces (issue 18): a guest whose NIC the kernel refuses fails alone, its host keeps
 * converging and taking changes; kernel objects removed behind the appliance's back are seen by the agent's
 * periodic verification and made again, so a host is never UP while it is cut off.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostFaultsTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("hf");
    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final Duration REPAIRED = Duration.ofSeconds(60);
    private static final CloudId LOCAL = CloudId.of("local");
    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;

    @BeforeEach
    void start() {
        // a short verification interval keeps the test quick; the default (10 s) only makes it wait longer
        lab = new LocalLab(PREFIX, data, m -> m.verifyEvery(Duration.ofSeconds(1)));
        manager = lab.start();
    }

    @AfterEach
    void stop() {
        lab.stop();
    }

    private void twoHosts() {
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), LOCAL, "198.18.0.1");
            a.addHost(HostId.of("h2"), LOCAL, "198.18.0.2");
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
            a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
        assertTrue(pings("web1", "10.99.0.2"), "the wire carries");
    }

    /** @return whether one of three echoes is answered (the first may wait for ARP) */
    private boolean pings(String guest, String ip) {
        return LocalLab.ping(lab.guestNs(guest), "-c", "3", "-i", "0.2", "-W", "1", ip);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + REPAIRED.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(50);
        }
    }

    private WireId wire(String a) {
        return manager.wireOf(EndpointId.parse(a)).orElseThrow().id();
    }

    @Test
    void aGuestTheKernelRefusesFailsAloneAndItsHostTakesChanges() throws Exception {
        // bad/eth0 will be the fourth NIC (slot 4) and the first thing of guest bad: its link on h1 cannot be made
        // in bad's namespace while a device of that name is there (the kernel answers "File exists")
        String badNs = lab.guestNs("bad");
        String link = LinuxNames.linkPrefix(4) + Long.toString(Integer.toUnsignedLong(Ipv4Prefix.toInt("198.18.0.1")), 36);
        KERNEL.run(List.of("ip", "netns", "add", badNs), null);
        KERNEL.exec(badNs, "ip", "link", "add", link, "type", "bridge");
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), LOCAL, "198.18.0.1");
            a.addHost(HostId.of("h2"), LOCAL, "198.18.0.2");
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addGuest(GuestId.of("bad"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth1"), null, "10.99.1.2/24", null);
            a.addEndpoint(EndpointId.parse("bad/eth0"), null, "10.99.1.1/24", null);
            a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
            a.connect(EndpointId.parse("bad/eth0"), EndpointId.parse("web2/eth1"));
        });
        assertEquals(4, manager.endpoint(EndpointId.parse("bad/eth0")).orElseThrow().slot());
        assertTrue(manager.awaitApplied(APPLIED));

        assertEquals(Health.UP, manager.status(HostId.of("h1")).health(), manager.status(HostId.of("h1")).toString());
        assertEquals(Status.UP, manager.status(wire("web1/eth0")), "the host's other wire is up");
        assertTrue(pings("web1", "10.99.0.2"), "and carries");
        Status bad = manager.status(wire("bad/eth0"));
        assertEquals(Health.FAILED, bad.health(), bad.toString());
        assertTrue(bad.detail().contains("guest bad") && bad.detail().contains("File exists"), bad.toString());

        // the host takes changes: a guest added to it is made
        manager.batch(a -> {
            a.addGuest(GuestId.of("web3"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addEndpoint(EndpointId.parse("web3/eth0"), null, "10.99.2.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth2"), null, "10.99.2.2/24", null);
            a.connect(EndpointId.parse("web3/eth0"), EndpointId.parse("web2/eth2"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
        assertEquals(Status.UP, manager.status(wire("web3/eth0")));
        assertTrue(pings("web3", "10.99.2.2"), "a guest added to the host after the failure carries");

        // once what the kernel refused is gone, the retries make the failed guest
        KERNEL.exec(badNs, "ip", "link", "del", link);
        await(() -> manager.status(wire("bad/eth0")).equals(Status.UP), "guest bad was never made");
        assertTrue(pings("bad", "10.99.1.2"), "the failed guest's wire carries once it is made");
        assertEquals(Status.UP, manager.status(HostId.of("h1")));
    }

    /**
     * A VM whose QEMU will not start (its kernel passes the check when it is added, the boot header's magic, but
     * QEMU finds the header invalid) fails alone: its host's container wire carries, the host takes changes.
     */
    @Test
    @Tag("qemu")
    void aVmWhoseQemuWillNotStartFailsAlone() throws Exception {
        byte[] head = new byte[0x400];
        head[0x1fe] = 0x55;
        head[0x1ff] = (byte) 0xaa;
        System.arraycopy(new byte[] {'H', 'd', 'r', 'S'}, 0, head, 0x202, 4);
        Path kernel = Files.write(data.resolve("bzImage"), head);
        twoHosts();
        manager.batch(a -> {
            a.addGuest(GuestId.of("vm1"), GuestKind.VM, HostId.of("h1"), new VmImage(kernel.toString(), null, null));
            a.addEndpoint(EndpointId.parse("vm1/eth0"), null, "10.99.1.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth1"), null, "10.99.1.2/24", null);
            a.connect(EndpointId.parse("vm1/eth0"), EndpointId.parse("web2/eth1"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
        Status vm = manager.status(wire("vm1/eth0"));
        assertEquals(Health.FAILED, vm.health(), vm.toString());
        assertTrue(vm.detail().contains("guest vm1") && vm.detail().contains("invalid kernel header"), vm.toString());
        assertEquals(Health.UP, manager.status(HostId.of("h1")).health());
        assertEquals(Status.UP, manager.status(wire("web1/eth0")));
        assertTrue(pings("web1", "10.99.0.2"), "the host's container wire carries");
        assertEquals("guest vm1: QEMU would not start: qemu: invalid kernel header", vm.detail());
        WireId vmWire = wire("vm1/eth0");
        manager.batch(a -> { // a change touching the host is taken
            a.disconnect(vmWire);
            a.removeEndpoint(EndpointId.parse("vm1/eth0"));
            a.removeGuest(GuestId.of("vm1"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
        assertEquals(Status.UP, manager.status(HostId.of("h1")));
    }

    @Test
    void anUplinkRemovedBehindTheAppliancesBackIsMadeAgain() throws Exception {
        twoHosts();
        // the underlay side of h1's uplink: removing it removes ul0 in h1 too (a veth pair)
        KERNEL.exec(PREFIX + "u-local", "ip", "link", "del", LocalNames.underlayPort("198.18.0.1"));
        assertTrue(KERNEL.links(lab.hostNs("h1")).stream().noneMatch(l -> l.name().equals(LocalNames.UPLINK)));
        await(() -> pings("web1", "10.99.0.2"), "h1's uplink was never made again");
        assertEquals(Status.UP, manager.status(HostId.of("h1")));
        assertEquals(Status.UP, manager.status(wire("web1/eth0")));
    }

    @Test
    void anUnderlayBridgeRemovedBehindTheAppliancesBackIsMadeAgainWithItsPorts() throws Exception {
        twoHosts();
        KERNEL.exec(PREFIX + "u-local", "ip", "link", "del", LocalNames.UNDERLAY_BRIDGE);
        await(() -> pings("web1", "10.99.0.2"), "the underlay's bridge was never made again with both hosts on it");
        assertEquals(Status.UP, manager.status(HostId.of("h1")));
        assertEquals(Status.UP, manager.status(HostId.of("h2")));
    }

    @Test
    void aTunnelDeviceRemovedBehindTheAppliancesBackIsMadeAgain() throws Exception {
        twoHosts();
        WireId w = wire("web1/eth0");
        KERNEL.exec(lab.hostNs("h1"), "ip", "link", "del", "vx" + w.vni());
        await(() -> pings("web1", "10.99.0.2"), "the wire's device on h1 was never made again");
        assertEquals(Status.UP, manager.status(w));
    }

    @Test
    void aHostNamespaceRemovedBehindTheAppliancesBackIsMadeAgain() throws Exception {
        twoHosts();
        KERNEL.run(List.of("ip", "netns", "del", lab.hostNs("h1")), null);
        await(() -> pings("web1", "10.99.0.2"), "h1 was never made again");
        assertEquals(Status.UP, manager.status(HostId.of("h1")));
        assertEquals(Status.UP, manager.status(wire("web1/eth0")));
    }
}
