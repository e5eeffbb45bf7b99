package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.TransferResult;
import org.virtualwire.tunnel.vxlan.VxlanTunnelProvider;

/**
 * Containers and a switch move between hosts through the migration steps while a probe runs: the wires
 * follow, nothing is lost for good, and the path works afterwards. Gaps are printed, never asserted.
 */
class ContainerMigrationTest {
    private static final String PREFIX = "vt" + ProcessHandle.current().pid() + "-"; // parallel runs never meet
    @TempDir
    Path data;
    private LocalCloudDriver driver;
    private WireManager manager;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        driver = new LocalCloudDriver(PREFIX);
        driver.teardown();
        manager = new WireManager(new FileWireStore(data), 1, 0xFFFFFF);
        manager.addDriver(driver);
        manager.addTunnel(new VxlanTunnelProvider());
        manager.start();
        CloudId local = CloudId.of("local");
        manager.batch(a -> {
            for (String h : new String[] {"h1", "h2", "h3"}) {
                a.addHost(HostId.of(h), local, null);
            }
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("sw1"), GuestKind.SWITCH, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
            a.addEndpoint(EndpointId.parse("sw1/p1"), null, null, null);
            a.addEndpoint(EndpointId.parse("sw1/p2"), null, null, null);
            a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("sw1/p1"));
            a.connect(EndpointId.parse("web2/eth0"), EndpointId.parse("sw1/p2"));
        });
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
        if (driver != null) {
            driver.teardown();
        }
    }

    private void migrate(String guest, String to) throws Exception {
        GuestId id = GuestId.of(guest);
        Guest g = manager.guest(id).orElseThrow();
        manager.prepare(id, HostId.of(to));
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        manager.dualHome(id);
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        TransferResult r = driver.transfer(g, manager.host(g.host()).orElseThrow(), manager.host(HostId.of(to)).orElseThrow(),
                manager.endpoints().stream().filter(e -> e.id().guest().equals(id)).toList(), java.util.Map.of());
        long t0 = System.nanoTime();
        manager.activate(id);
        double commit = (System.nanoTime() - t0) / 1e6;
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        System.out.printf("activate: stored in %.1f ms, applied in %.1f ms%n", commit, (System.nanoTime() - t0) / 1e6);
        manager.settle(id);
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        System.out.printf("migrated %s to %s: NICs in transit %.1f ms%n", guest, to, r.pauseMillis());
    }

    private ProbeResult probeWhile(ThrowingRunnable work) throws Exception {
        CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return driver.probe(null, manager.guest(GuestId.of("web1")).orElseThrow(), EndpointId.parse("web1/eth0"),
                        "10.99.0.2", Duration.ofSeconds(3), Duration.ofMillis(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        work.run();
        ProbeResult r = probe.join();
        System.out.println("probe: " + r);
        return r;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void containersAndASwitchMoveWhileTrafficFlows() throws Exception {
        ProbeResult r1 = probeWhile(() -> migrate("web2", "h3"));
        assertEquals(HostId.of("h3"), manager.guest(GuestId.of("web2")).orElseThrow().host());
        assertTrue(r1.received() > r1.sent() / 2, "traffic flowed across the move: " + r1);
        ProbeResult r2 = probeWhile(() -> migrate("sw1", "h2"));
        assertTrue(r2.received() > r2.sent() / 2, "traffic flowed across the switch's move: " + r2);
        ProbeResult r3 = probeWhile(() -> migrate("web2", "h2")); // now beside the switch: a local link
        assertTrue(r3.received() > r3.sent() / 2, r3.toString());
        ProbeResult after = driver.probe(null, manager.guest(GuestId.of("web1")).orElseThrow(), EndpointId.parse("web1/eth0"),
                "10.99.0.2", Duration.ofSeconds(1), Duration.ofMillis(2));
        assertEquals(0, after.lost(), "the path works after the moves: " + after);
        assertTrue(manager.move(GuestId.of("web2")).isEmpty() && manager.move(GuestId.of("sw1")).isEmpty());
    }
}
