package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The real distribution as an operator runs it ({@code bin/start}, {@code bin/stop}), driven only over
 * Jolokia (HTTP, JAAS login): build a topology with the {@code org.virtualwire} MBeans, send traffic, remove
 * and bring back the tunnel feature with Karaf's features MBean, stop Karaf (the data plane keeps
 * forwarding), start it again (the wires are still there and UP).
 */
public class DistributionIT {
    private static final String WIRES = "org.virtualwire:type=wires,name=default";
    private static final String HOSTS = "org.virtualwire:type=hosts,name=default";
    private static final String GUESTS = "org.virtualwire:type=guests,name=default";
    private static final String ENDPOINTS = "org.virtualwire:type=endpoints,name=default";
    private static final String FEATURES = "org.apache.karaf:type=feature,name=root";
    private static final String TUNNEL_FEATURE = "virtualwire-tunnel-vxlan";

    /** Its own prefix: never a developer's "vw-", never the Pax Exam tests' "vwi-". */
    private static final String PREFIX = System.getProperty("vw.dist.prefix", "vwd-");

    private Appliance appliance;

    @After
    public void removeAll() throws Exception {
        try {
            if (appliance != null) {
                appliance.close();
            }
        } finally {
            Netns.deleteAll(PREFIX);
        }
    }

    @Test
    public void wiresBuiltOverJolokiaSurviveAKarafRestart() throws Exception {
        appliance = Appliance.unpackBuilt("dist-it", PREFIX);
        appliance.start();
        Jolokia j = appliance.jolokia();
        assertEquals("no anonymous access", 401, j.status("/version", false));
        assertEquals("JAAS login karaf/karaf", 200, j.status("/version", true));

        j.exec(HOSTS, "addHost", "east", "local").orFail();
        j.exec(HOSTS, "addHost", "west", "").orFail();
        j.exec(GUESTS, "addGuest", "sw", "switch", "east").orFail();
        j.exec(GUESTS, "addGuest", "alpha", "container", "east").orFail();
        j.exec(GUESTS, "addGuest", "bravo", "container", "west").orFail();
        j.exec(ENDPOINTS, "addEndpoint", "sw/p1", "", "").orFail();
        j.exec(ENDPOINTS, "addEndpoint", "sw/p2", "", "").orFail();
        j.exec(ENDPOINTS, "addEndpoint", "alpha/eth0", "", "10.99.1.1/24").orFail();
        j.exec(ENDPOINTS, "addEndpoint", "bravo/eth0", "", "10.99.1.2/24").orFail();
        int local = j.exec(WIRES, "connect", "alpha/eth0", "sw/p1").orFail().asInt();
        int across = j.exec(WIRES, "connect", "bravo/eth0", "sw/p2").orFail().asInt();
        assertTrue("applied", j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());

        Jolokia.Reply refused = j.exec(WIRES, "connect", "alpha/eth0", "sw/p2");
        assertFalse("a NIC takes one wire", refused.ok());
        assertTrue("refusal names the endpoint: " + refused.error(), refused.error().contains("alpha/eth0"));

        String alpha = PREFIX + "g-alpha";
        assertTrue("alpha -> bravo across hosts", Netns.pingEventually(alpha, "10.99.1.2", 3));
        assertEquals(Map.of(local, "UP", across, "UP"), statuses(j));
        JsonNode counters = j.exec(WIRES, "counters", across).orFail();
        for (String end : new String[] {"a", "b"}) {
            JsonNode c = counters.path(end);
            assertTrue("packets counted at end " + end + ": " + counters,
                    c.path("sentPackets").asLong() + c.path("receivedPackets").asLong() > 0);
        }

        // a capability removed and added back at runtime over Jolokia, with Karaf's features MBean
        j.exec(FEATURES, "uninstallFeature(java.lang.String)", TUNNEL_FEATURE).orFail();
        eventually(() -> "DEGRADED".equals(statuses(j).get(across)), "wire " + across + " DEGRADED: " + statuses(j));
        assertTrue("traffic while the tunnel feature is gone", Netns.pingEventually(alpha, "10.99.1.2", 3));
        j.exec(FEATURES, "installFeature(java.lang.String)", TUNNEL_FEATURE).orFail();
        eventually(() -> "UP".equals(statuses(j).get(across)), "wire " + across + " UP again: " + statuses(j));

        appliance.stop();
        assertFalse(appliance.running());
        assertTrue("the data plane forwards while Karaf is down", Netns.pingEventually(alpha, "10.99.1.2", 3));

        appliance.start();
        eventually(() -> Map.of(local, "UP", across, "UP").equals(statuses(j)), "both wires UP after the restart: " + statuses(j));
        assertTrue("alpha -> bravo after the restart", Netns.pingEventually(alpha, "10.99.1.2", 3));

        // leave nothing behind: remove it all through the API, then stop
        j.exec(WIRES, "disconnect", local).orFail();
        j.exec(WIRES, "disconnect", across).orFail();
        for (String g : new String[] {"sw", "alpha", "bravo"}) {
            j.exec(GUESTS, "removeGuest", g).orFail();
        }
        j.exec(WIRES, "awaitApplied", 60).orFail();
        j.exec(HOSTS, "removeHost", "east").orFail();
        j.exec(HOSTS, "removeHost", "west").orFail();
        j.exec(WIRES, "awaitApplied", 60).orFail();
        appliance.stop();
    }

    /** @return wire id to status, read from the Wires attribute */
    private static Map<Integer, String> statuses(Jolokia j) {
        Map<Integer, String> result = new HashMap<>();
        for (JsonNode w : j.read(WIRES, "Wires")) {
            result.put(w.path("id").asInt(), w.path("status").asText());
        }
        return result;
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(60);
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(250);
        }
    }

}
