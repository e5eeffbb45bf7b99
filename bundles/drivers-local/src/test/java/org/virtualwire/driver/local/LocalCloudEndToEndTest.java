package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.tunnel.vxlan.VxlanTunnelProvider;

/**
 * The controller, the file store, the local driver and the VXLAN tunnel together on real namespaces,
 * without OSGi: guests ping across hosts, a disconnected wire carries nothing, a restarted controller
 * finds the data plane as it left it.
 */
class LocalCloudEndToEndTest {
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
        manager = newManager();
    }

    private WireManager newManager() {
        WireManager m = new WireManager(new FileWireStore(data), 1, 0xFFFFFF);
        m.addDriver(driver);
        m.addTunnel(new VxlanTunnelProvider());
        m.start();
        return m;
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

    private static boolean ping(String guest, String ip) {
        try {
            Kernel.exec(PREFIX + "g-" + guest, "ping", "-c", "2", "-i", "0.2", "-W", "1", ip);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private ProbeResult probe() {
        try {
            return driver.probe(null, new Guest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1")),
                    EndpointId.parse("web1/eth0"), "10.99.0.2", Duration.ofSeconds(2), Duration.ofMillis(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void guestsPingAcrossHostsThroughASwitchAndStopWhenDisconnected() {
        CloudId local = CloudId.of("local");
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), local, null);
            a.addHost(HostId.of("h2"), local, null);
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addGuest(GuestId.of("sw1"), GuestKind.SWITCH, HostId.of("h1"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
            a.addEndpoint(EndpointId.parse("sw1/p1"), null, null, null);
            a.addEndpoint(EndpointId.parse("sw1/p2"), null, null, null);
            a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("sw1/p1"));
            a.connect(EndpointId.parse("web2/eth0"), EndpointId.parse("sw1/p2"));
        });
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)), "agents applied the topology");
        List<Wire> wires = manager.wires();
        assertEquals(2, wires.size());
        wires.forEach(w -> assertEquals(Health.UP, manager.status(w.id()).health(), "wire " + w.id()));
        assertTrue(ping("web1", "10.99.0.2"), "web1 reaches web2 through the switch on another host");

        WireCounters c = manager.counters(manager.wireOf(EndpointId.parse("web2/eth0")).orElseThrow().id());
        assertTrue(c.a().sentPackets() > 0 && c.b().receivedPackets() > 0, "counters move: " + c);

        // a restarted controller reads the store and finds the kernel right: a probe sees no loss meanwhile
        CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(() -> probe());
        manager.stop();
        manager = newManager();
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        assertEquals(2, manager.wires().size());
        ProbeResult seen = probe.join();
        assertEquals(0, seen.lost(), "no packet lost across the restart: " + seen);
        assertTrue(seen.sent() > 500, seen.toString());

        manager.disconnect(manager.wireOf(EndpointId.parse("web2/eth0")).orElseThrow().id());
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        assertFalse(ping("web1", "10.99.0.2"), "a disconnected wire carries nothing");
    }
}
