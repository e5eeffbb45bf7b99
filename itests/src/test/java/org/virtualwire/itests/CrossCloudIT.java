package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.virtualwire.api.Health;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Wires between two and three local clouds ({@link Clouds}): traffic goes through each cloud's gateway (its
 * counters show it), hosts of one cloud cannot reach hosts of another even with routes through the gateways,
 * and a gateway bundle restart loses no wire. Attacks on gateways: {@link GatewayAttackIT}; migrations between
 * clouds: {@link CrossCloudMigrationIT}, {@link CrossCloudVmIT}.
 */
public class CrossCloudIT extends VirtualWireTestSupport {
    private static final String GATEWAY_BUNDLE = "org.virtualwire.gateway";

    @After
    public void clearClouds() {
        removeClouds();
    }

    /** The appliance's gateways receive through the AF_XDP fast path by default. */
    @Test
    public void trafficBetweenTwoCloudsGoesThroughBothGateways() throws Exception {
        Clouds.build(topology(), false);
        awaitApplied();
        assertAllWiresUp();
        WireId across = wires().wireOf(Clouds.WEB2).orElseThrow().id();

        assertTrue("web1 (east) -> web2 (west) through the switch on east", Netns.pingEventually(guestNs("web1"), Clouds.WEB2_IP, 3));
        // TCP too: its checksums are left to offload by the guests' stacks, ICMP's are not
        long tcp = tcpBytes(guestNs("web1"), guestNs("web2"), Clouds.WEB2_IP);
        assertTrue("web2 received bytes over TCP from web1: " + tcp, tcp > 0);
        JsonNode rows = CloudGateways.list(this::console, true);
        for (String gateway : new String[] {"egw", "wgw"}) {
            JsonNode w = CloudGateways.row(rows, gateway, across.toString());
            assertTrue(gateway + " relayed wire " + across + ": " + w, w.path("forwardedPackets").asLong() >= 3);
        }
        assertEquals("only the wires between clouds pass the gateways: " + rows, List.of(across.toString()),
                CloudGateways.wires(rows, "egw"));
        for (String gateway : new String[] {"egw", "wgw"}) {
            String receive = CloudGateways.row(rows, gateway, "").path("receive").asText();
            assertTrue(gateway + " receives through AF_XDP on both its interfaces: " + receive,
                    receive.startsWith("AF_XDP on ") && receive.contains(", "));
        }
    }

    /** With the fast path off ({@code xdp = false}): the gateways' sockets receive everything. */
    @Test
    public void trafficAmongThreeCloudsGoesThroughEachGatewayAndFullFramesFitTheNarrowCloud() throws Exception {
        console("config:edit org.virtualwire.gateways; config:property-set xdp false; config:update");
        try {
            threeCloudsOnSockets();
        } finally {
            console("config:edit org.virtualwire.gateways; config:property-set xdp true; config:update");
        }
    }

    private void threeCloudsOnSockets() throws Exception {
        Clouds.build(topology(), true);
        awaitApplied();
        assertAllWiresUp();
        Wire sensor = wires().wireOf(Clouds.SENSOR).orElseThrow();
        Wire web2 = wires().wireOf(Clouds.WEB2).orElseThrow();
        // edge's underlay is 1400: its wires' NICs get 1400 less VXLAN's 50 bytes
        Netns.Result mtu = Netns.run(10, "ip", "netns", "exec", guestNs("sensor"), "cat", "/sys/class/net/eth0/mtu");
        assertEquals("MTU of sensor's NIC in edge", "1350", mtu.out().trim());

        // edge -> east (switch) -> west: the frames cross three gateways, twice sealed
        assertTrue("sensor (edge) -> web2 (west) through the switch on east",
                Netns.pingEventually(guestNs("sensor"), Clouds.WEB2_IP, 3));
        Netns.Result full = Netns.run(20, "ip", "netns", "exec", guestNs("sensor"), "ping", "-c", "3", "-W", "2",
                "-M", "do", "-s", Integer.toString(1350 - 28), Clouds.WEB2_IP);
        assertEquals("a full-size frame from edge reaches west without fragments: " + full.out(), 0, full.exit());

        JsonNode rows = CloudGateways.list(this::console, true);
        assertRelayed(rows, "xgw", sensor.id());
        assertRelayed(rows, "egw", sensor.id());
        assertRelayed(rows, "egw", web2.id());
        assertRelayed(rows, "wgw", web2.id());
        assertEquals("west's gateway carries only west's wire: " + rows, List.of(web2.id().toString()),
                CloudGateways.wires(rows, "wgw"));
        for (String gateway : new String[] {"xgw", "egw", "wgw"}) {
            assertEquals(gateway + " receives through its sockets", "sockets",
                    CloudGateways.row(rows, gateway, "").path("receive").asText());
        }
    }

    @Test
    public void hostsOfOneCloudCannotReachHostsOfAnotherEvenWithRoutesThroughTheGateways() throws Exception {
        Clouds.build(topology(), false);
        awaitApplied();
        String e1 = hostNs(Clouds.E1);
        String w1 = hostNs(Clouds.W1);
        String egw = hostNs(Clouds.EGW);
        String wgw = hostNs(Clouds.WGW);
        assertTrue("e1 reaches e2 in its own cloud", Netns.ping(e1, "198.18.1.2"));
        assertTrue("the gateways reach each other on the network between clouds", Netns.ping(egw, Clouds.WGW_PUBLIC));
        assertFalse("e1 reaches w1 without routes", Netns.ping(e1, Clouds.W1_ADDRESS));
        // an operator (or an attacker on the hosts) adds routes both ways through both gateways: the gateways
        // still do not route between their networks
        List<String[]> routes = List.of(
                new String[] {e1, Clouds.WEST_SUBNET, Clouds.EGW_PRIVATE},
                new String[] {egw, Clouds.WEST_SUBNET, Clouds.WGW_PUBLIC},
                new String[] {wgw, Clouds.EAST_SUBNET, Clouds.EGW_PUBLIC},
                new String[] {w1, Clouds.EAST_SUBNET, Clouds.WGW_PRIVATE});
        try {
            for (String[] r : routes) {
                Netns.Result added = Netns.run(10, "ip", "-n", r[0], "route", "add", r[1], "via", r[2]);
                assertEquals("route " + String.join(" ", r) + ": " + added.out(), 0, added.exit());
            }
            assertFalse("e1 (east) reaches w1 (west) through the gateways", Netns.ping(e1, Clouds.W1_ADDRESS));
            assertFalse("e1 (east) reaches west's gateway's private address", Netns.ping(e1, Clouds.WGW_PRIVATE));
            assertFalse("w1 (west) reaches e1 (east) through the gateways", Netns.ping(w1, Clouds.E1_ADDRESS));
        } finally {
            for (String[] r : routes) {
                Netns.run(10, "ip", "-n", r[0], "route", "del", r[1], "via", r[2]);
            }
        }
        assertTrue("the wire between the clouds works all the same", Netns.pingEventually(guestNs("web1"), Clouds.WEB2_IP, 3));
    }

    @Test
    public void aGatewayBundleRestartLosesNoWire() throws Exception {
        Clouds.build(topology(), false);
        awaitApplied();
        assertTrue(Netns.pingEventually(guestNs("web1"), Clouds.WEB2_IP, 3));
        List<Wire> before = wires().wires();

        // 8 s of echo requests 50 ms apart across the clouds, with the restart in the middle
        Netns.PingRun ping = Netns.startPing(guestNs("web1"), Clouds.WEB2_IP, 160, "0.05");
        Thread.sleep(2000);
        restartBundle(GATEWAY_BUNDLE);
        awaitApplied();
        long[] sentReceived = ping.await(60);
        System.out.println("restart of " + GATEWAY_BUNDLE + ": " + (sentReceived[0] - sentReceived[1]) + " of "
                + sentReceived[0] + " echo requests lost");

        assertEquals("wires after the restart", before, wires().wires());
        assertAllWiresUp();
        eventually(SERVICE_TIMEOUT, () -> CloudGateways.names(CloudGateways.list(this::console, false)).equals(List.of("egw", "wgw")),
                "both gateways run again");
        assertTrue("web1 -> web2 after the restart", Netns.pingEventually(guestNs("web1"), Clouds.WEB2_IP, 3));
        assertTrue("the ping got answers after the restart too: " + sentReceived[1] + " of " + sentReceived[0],
                sentReceived[1] > sentReceived[0] / 2);
        WireId across = wires().wireOf(Clouds.WEB2).orElseThrow().id();
        JsonNode rows = CloudGateways.list(this::console, true);
        assertRelayed(rows, "egw", across);
        assertRelayed(rows, "wgw", across);
    }

    /** @return the bytes that a 2 s iperf3 run from one guest to another delivered, 0 if it could not connect */
    private static long tcpBytes(String clientNs, String serverNs, String serverIp) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", serverNs, "iperf3", "-s", "-1").redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 10; i++) {
                Netns.Result r = Netns.run(60, "ip", "netns", "exec", clientNs, "iperf3", "-c", serverIp, "-t", "2", "-J",
                        "--connect-timeout", "3000");
                JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out().substring(Math.max(0, r.out().indexOf('{'))));
                if (!json.path("error").asText("").contains("unable to connect")) {
                    System.out.println("iperf3 " + clientNs + " -> " + serverIp + ": " + json.path("end").path("sum_received"));
                    return json.path("end").path("sum_received").path("bytes").asLong();
                }
                Thread.sleep(300); // the server is not listening yet
            }
            return 0;
        } finally {
            server.destroyForcibly();
        }
    }

    private void assertAllWiresUp() {
        for (Wire w : wires().wires()) {
            assertEquals("status of wire " + w.id(), Health.UP, wires().status(w.id()).health());
        }
    }

    private static void assertRelayed(JsonNode rows, String gateway, WireId wire) {
        JsonNode w = CloudGateways.row(rows, gateway, wire.toString());
        assertTrue(gateway + " relayed wire " + wire + ": " + w, w.path("forwardedPackets").asLong() > 0);
    }
}
