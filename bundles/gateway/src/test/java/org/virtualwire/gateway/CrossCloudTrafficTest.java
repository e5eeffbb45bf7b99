package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.TrafficCounters;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.driver.local.LocalCloudDriver;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.tunnel.vxlan.VxlanTunnelProvider;

/**
 * Two local clouds joined by the appliance's own gateways, everything real: namespaces, kernel VXLAN on the
 * hosts, the Netty relays in the gateways' namespaces, sealed between them. Guests ping across the clouds;
 * the gateways count what they carry; a gateway restarted rebuilds its table from the desired state.
 */
class CrossCloudTrafficTest {
    private static final String PREFIX = "vx" + ProcessHandle.current().pid() + "-";
    private static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    @TempDir
    Path data;
    private LocalCloudDriver driver;
    private WireManager manager;
    private LocalGateways gateways;

    private void start(boolean encrypt) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        driver = new LocalCloudDriver(PREFIX);
        driver.teardown();
        gateways = new LocalGateways(Map.of("encrypt", String.valueOf(encrypt)), SECRET);
        manager = new WireManager(new FileWireStore(data), 1, 0xFFFFFF);
        manager.addDriver(driver);
        manager.addTunnel(new VxlanTunnelProvider());
        manager.addGateway(gateways);
        manager.start();
        CloudId a = CloudId.of("a");
        CloudId b = CloudId.of("b");
        manager.batch(x -> {
            x.addCloud(a, "local", Map.of("subnet", "198.18.1.0/24"));
            x.addCloud(b, "local", Map.of("subnet", "198.18.2.0/24"));
            x.addHost(HostId.of("ha"), a, "198.18.1.1");
            x.addHost(HostId.of("ga"), a, "198.18.1.254", "198.19.0.1");
            x.addHost(HostId.of("hb"), b, "198.18.2.1");
            x.addHost(HostId.of("gb"), b, "198.18.2.254", "198.19.0.2");
            x.addGuest(GuestId.of("x"), GuestKind.CONTAINER, HostId.of("ha"));
            x.addGuest(GuestId.of("y"), GuestKind.CONTAINER, HostId.of("hb"));
            x.addEndpoint(EndpointId.parse("x/eth0"), null, "10.99.0.1/24", null);
            x.addEndpoint(EndpointId.parse("y/eth0"), null, "10.99.0.2/24", null);
            x.connect(EndpointId.parse("x/eth0"), EndpointId.parse("y/eth0"));
        });
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
        if (gateways != null) {
            gateways.deactivate();
        }
        if (driver != null) {
            driver.teardown();
        }
    }

    private static int pings(String guest, String ip, int count) {
        try {
            String out = Kernel.exec(PREFIX + "g-" + guest, "ping", "-c", String.valueOf(count), "-i", "0.01", "-W", "1", "-q", ip);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) received").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (Exception e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) received").matcher(String.valueOf(e.getMessage()));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
    }

    @Test
    void guestsOfTwoCloudsTalkThroughSealedGateways() throws Exception {
        start(true);
        assertEquals(Health.UP, manager.status(HostId.of("ga")).health(), manager.status(HostId.of("ga")).detail());
        assertEquals(1418, manager.endpoint(EndpointId.parse("x/eth0")).orElseThrow().mtu(),
                "1500 between gateways less 32 of sealing less 50 of VXLAN");
        int answered = pings("x", "10.99.0.2", 50);
        assertEquals(50, answered, "every echo across the two clouds is answered; gateway a " + gateways.gateway(HostId.of("ga")).counters()
                + ", b " + gateways.gateway(HostId.of("gb")).counters());
        WireId wire = manager.wireOf(EndpointId.parse("x/eth0")).orElseThrow().id();
        Gateway ga = gateways.gateway(HostId.of("ga"));
        assertNotNull(ga);
        TrafficCounters w = ga.wireCounters().get(wire);
        assertNotNull(w, "gateway a counts the wire: " + ga.wireCounters());
        assertTrue(w.forwardedPackets() >= 100, "both directions pass gateway a: " + w);
        assertEquals(0, ga.counters().droppedTotal(), "nothing dropped: " + ga.counters());

        // a full-size frame fits: the NIC's MTU is what the sealed path carries
        assertEquals(3, pingsOfSize("x", "10.99.0.2", 1418 - 28), "gateway a " + ga.counters() + ", b "
                + gateways.gateway(HostId.of("gb")).counters());

        // gateway a restarted: its table comes back from the desired state, the wire works again
        gateways.release(HostId.of("ga"));
        assertFalse(pings("x", "10.99.0.2", 3) == 3, "no gateway, no traffic across");
        manager.stop();
        manager = new WireManager(new FileWireStore(data), 1, 0xFFFFFF);
        manager.addDriver(driver);
        manager.addTunnel(new VxlanTunnelProvider());
        manager.addGateway(gateways);
        manager.start();
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        assertEquals(20, pings("x", "10.99.0.2", 20), "the restarted gateway carries the wire again");
    }

    @Test
    void plainBetweenGatewaysWhenTurnedOff() throws Exception {
        start(false);
        assertEquals(20, pings("x", "10.99.0.2", 20));
        assertEquals(0, gateways.gateway(HostId.of("gb")).counters().dropped(GatewayDrop.AUTH_FAILED));
    }

    private static int pingsOfSize(String guest, String ip, int size) {
        try {
            String out = Kernel.exec(PREFIX + "g-" + guest, "ping", "-c", "3", "-i", "0.05", "-W", "1", "-q", "-M", "do",
                    "-s", String.valueOf(size), ip);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) received").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
