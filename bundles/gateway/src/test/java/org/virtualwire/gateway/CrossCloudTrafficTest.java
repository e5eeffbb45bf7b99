package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.TrafficCounters;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.driver.local.LocalLab;

/**
 * Two local clouds joined by the appliance's own gateways, everything real: namespaces, kernel VXLAN on the
 * hosts, the Netty relays in the gateways' namespaces, sealed between them. Guests ping across the clouds;
 * the gateways count what they carry; a gateway restarted rebuilds its table from the desired state.
 */
class CrossCloudTrafficTest {
    private static final String PREFIX = LocalLab.prefix("vx");
    private static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;
    private LocalGateways gateways;

    @BeforeEach
    void lab() {
        lab = new LocalLab(PREFIX, data, m -> m.addGateway(gateways)); // each controller gets the test's gateways
    }

    private void start(boolean encrypt) throws Exception {
        gateways = new LocalGateways(Map.of("encrypt", String.valueOf(encrypt)), SECRET);
        manager = lab.start();
        lab.twoClouds(Map.of());
    }

    @AfterEach
    void stop() {
        lab.stopManager();
        if (gateways != null) {
            gateways.deactivate();
        }
        lab.stop();
    }

    private int pings(String guest, String ip, int count) {
        return LocalLab.received(lab.guestNs(guest), "-c", String.valueOf(count), "-i", "0.01", "-W", "1", "-q", ip);
    }

    @Test
    void guestsOfTwoCloudsTalkThroughSealedGateways() throws Exception {
        start(true);
        assertEquals(Health.UP, manager.status(HostId.of("ga")).health(), manager.status(HostId.of("ga")).detail());
        assertEquals(1418, manager.endpoint(EndpointId.parse("x/eth0")).orElseThrow().mtu(),
                "1500 between gateways less 32 of sealing less 50 of VXLAN");
        // what the hosts sent while the gateways' tables were still being made (a host's first frames may reach
        // a gateway just before its table names that host: once UNKNOWN_SENDER under load) is not the wire's traffic
        long droppedBefore = gateways.gateway(HostId.of("ga")).counters().droppedTotal();
        int answered = pings("x", "10.99.0.2", 50);
        assertEquals(50, answered, "every echo across the two clouds is answered; gateway a " + gateways.gateway(HostId.of("ga")).counters()
                + ", b " + gateways.gateway(HostId.of("gb")).counters());
        WireId wire = manager.wireOf(EndpointId.parse("x/eth0")).orElseThrow().id();
        Gateway ga = gateways.gateway(HostId.of("ga"));
        assertNotNull(ga);
        TrafficCounters w = ga.wireCounters().get(wire);
        assertNotNull(w, "gateway a counts the wire: " + ga.wireCounters());
        assertTrue(w.forwardedPackets() >= 100, "both directions pass gateway a: " + w);
        assertEquals(droppedBefore, ga.counters().droppedTotal(), "nothing of the echoes dropped: " + ga.counters());

        // a full-size frame fits: the NIC's MTU is what the sealed path carries
        assertEquals(3, pingsOfSize("x", "10.99.0.2", 1418 - 28), "gateway a " + ga.counters() + ", b "
                + gateways.gateway(HostId.of("gb")).counters());

        // gateway a restarted: its table comes back from the desired state, the wire works again
        gateways.release(HostId.of("ga"));
        assertFalse(pings("x", "10.99.0.2", 3) == 3, "no gateway, no traffic across");
        manager = lab.restart();
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        assertEquals(20, pings("x", "10.99.0.2", 20), "the restarted gateway carries the wire again");
    }

    @Test
    void plainBetweenGatewaysWhenTurnedOff() throws Exception {
        start(false);
        assertEquals(20, pings("x", "10.99.0.2", 20));
        assertEquals(0, gateways.gateway(HostId.of("gb")).counters().dropped(GatewayDrop.AUTH_FAILED));
    }

    private int pingsOfSize(String guest, String ip, int size) {
        return LocalLab.received(lab.guestNs(guest), "-c", "3", "-i", "0.05", "-W", "1", "-q", "-M", "do",
                "-s", String.valueOf(size), ip);
    }
}
