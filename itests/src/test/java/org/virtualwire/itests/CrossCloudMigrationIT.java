package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.ProbeResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Guests of the three-cloud topology ({@link Clouds}) move between clouds while the probe runs: the switch from
 * east to west and back (its three wires follow it: one of them ends in a third cloud), a container from west
 * to east from the console. The record shows every step, the wires are UP and carry traffic from the new host,
 * and nothing of the guest is left at the source. VMs: {@link CrossCloudVmIT}.
 */
public class CrossCloudMigrationIT extends VirtualWireTestSupport {
    private static final GuestId SW = GuestId.of("sw");
    private static final GuestId WEB2 = GuestId.of("web2");

    /** The devices of a host without guests (e3 and w2 start so). */
    private List<String> emptyHost;

    @Before
    public void buildClouds() {
        Clouds.build(topology(), true);
        awaitApplied();
        emptyHost = Netns.links(hostNs(Clouds.W2));
        assertEquals("e3 and w2 look alike without guests", emptyHost, Netns.links(hostNs(Clouds.E3)));
    }

    @After
    public void clearClouds() {
        removeClouds();
    }

    @Test
    public void aSwitchMovesToAnotherCloudWithItsWiresWhileTheProbeRunsAndBack() throws Exception {
        // east -> west: web1's wire starts to cross clouds, web2's stops, sensor's now joins edge and west
        MigrationRecord there = migrate(SW, Clouds.W2, Clouds.WEB1, Clouds.WEB2);
        Moves.assertSucceeded(there, SW, Clouds.E1, Clouds.W2);
        Moves.assertWiresFollow(wires(), SW, Clouds.W2);
        assertCarries();
        assertEquals("nothing of the switch left on e1", emptyHost, Netns.links(hostNs(Clouds.E1)));

        MigrationRecord back = migrate(SW, Clouds.E1, Clouds.SENSOR, Clouds.WEB1);
        Moves.assertSucceeded(back, SW, Clouds.W2, Clouds.E1);
        Moves.assertWiresFollow(wires(), SW, Clouds.E1);
        assertCarries();
        assertEquals("nothing of the switch left on w2", emptyHost, Netns.links(hostNs(Clouds.W2)));
    }

    @Test
    public void aContainerMovesToAnotherCloudFromTheConsoleWhileTheProbeRuns() throws Exception {
        String out = console("vw:guest-migrate --json --probe web1/eth0 web2 e3");
        JsonNode r = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        assertEquals(out, List.of("SUCCEEDED", "web2", "w1", "e3", ""), List.of(r.path("outcome").asText(),
                r.path("guest").asText(), r.path("from").asText(), r.path("to").asText(), r.path("error").asText()));
        JsonNode probe = r.path("probe");
        assertTrue("the probe got answers across the move: " + out, probe.path("received").asLong() > probe.path("sent").asLong() / 2);
        System.out.println("web2 w1 -> e3: probe sent " + probe.path("sent") + ", lost " + probe.path("lost")
                + ", longest gap " + probe.path("longestGapMillis") + " ms");
        Moves.assertWiresFollow(wires(), WEB2, Clouds.E3);
        assertCarries();
        assertEquals("nothing of web2 left on w1", emptyHost, Netns.links(hostNs(Clouds.W1)));
    }

    /** Every guest reaches every other through the switch, wherever they all are now. */
    private void assertCarries() {
        assertTrue("web1 -> web2", Netns.pingEventually(guestNs("web1"), Clouds.WEB2_IP, 3));
        assertTrue("sensor -> web2", Netns.pingEventually(guestNs("sensor"), Clouds.WEB2_IP, 3));
        assertTrue("sensor -> web1", Netns.pingEventually(guestNs("sensor"), Clouds.WEB1_IP, 3));
    }

    /** Migrates through the service while the probe sends from one endpoint to another, and checks the probe. */
    private MigrationRecord migrate(GuestId guest, HostId to, EndpointId probeFrom, EndpointId probeTo) throws Exception {
        CompletableFuture<ProbeResult> probe = Moves.startProbe(
                () -> probes().probe(probeFrom, probeTo, Duration.ofSeconds(6), Duration.ofMillis(1)));
        MigrationRecord r = migrations().migrate(guest, to, Map.of(), s -> { });
        Moves.assertTrafficFlowed(probe.join(), r);
        return r;
    }
}
