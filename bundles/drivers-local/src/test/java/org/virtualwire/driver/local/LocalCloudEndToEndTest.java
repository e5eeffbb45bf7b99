package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
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

/**
 * The controller, the file store, the local driver and the VXLAN tunnel together on real namespaces,
 * without OSGi: guests ping across hosts, a disconnected wire carries nothing, a restarted controller
 * finds the data plane as it left it.
 */
class LocalCloudEndToEndTest {
    private static final String PREFIX = LocalLab.prefix("vt"); // parallel runs never meet
    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;

    @BeforeEach
    void start() {
        lab = new LocalLab(PREFIX, data);
        manager = lab.start();
    }

    @AfterEach
    void stop() {
        lab.stop();
    }

    private boolean ping(String guest, String ip) {
        return LocalLab.ping(lab.guestNs(guest), "-c", "2", "-i", "0.2", "-W", "1", ip);
    }

    private ProbeResult probe() {
        try {
            return lab.runtime().probe(null, new Guest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1")),
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
        manager = lab.restart();
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
