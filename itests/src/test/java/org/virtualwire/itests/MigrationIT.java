package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
import org.virtualwire.api.VirtualWireException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A container and a switch of the {@link Lab} move to a third host, north, and back while the probe runs: the
 * record shows every step, their wires follow (traffic from the new host) and north, the source of the way
 * back, looks as it did before they came. Migrations to an unknown host or to the guest's own host are
 * refused and change nothing. VMs: {@link VmMigrationIT}.
 */
public class MigrationIT extends VirtualWireTestSupport {
    private static final GuestId BRAVO = GuestId.of("bravo");
    private static final GuestId SW = GuestId.of("sw");
    private static final String MIGRATIONS = "org.virtualwire:type=migrations,name=default";

    /** The devices of host north without guests. */
    private List<String> emptyNorth;

    @Before
    public void buildLab() {
        emptyNorth = buildLabAndNorth();
    }

    @After
    public void clearLab() {
        removeLab();
    }

    @Test
    public void aContainerMovesWithItsWireWhileTheProbeRunsAndBack() throws Exception {
        // there, from the console as an operator does it: bravo leaves west, its wire to the switch on east follows
        String out = console("vw:guest-migrate --json --probe alpha/eth0 bravo north");
        JsonNode there = json(out);
        assertEquals(out, List.of("SUCCEEDED", "bravo", "west", "north", ""), List.of(there.path("outcome").asText(),
                there.path("guest").asText(), there.path("from").asText(), there.path("to").asText(), there.path("error").asText()));
        List<String> steps = new ArrayList<>();
        there.path("steps").forEach(s -> steps.add(s.path("name").asText()));
        assertEquals(out, Moves.STEPS, steps);
        JsonNode probe = there.path("probe");
        assertTrue("the probe got answers across the move: " + out, probe.path("received").asLong() > probe.path("sent").asLong() / 2);
        Moves.assertWiresFollow(wires(), BRAVO, Lab.NORTH);
        assertTrue("alpha (east) -> bravo (north)", Netns.pingEventually(guestNs("alpha"), Lab.BRAVO_IP, 3));
        assertTrue("bravo (north) -> charlie (west)", Netns.pingEventually(guestNs("bravo"), Lab.CHARLIE_IP, 3));

        // and back through the service: north is the source now
        MigrationRecord back = migrate(BRAVO, Lab.WEST, Lab.ALPHA, Lab.BRAVO);
        Moves.assertSucceeded(back, BRAVO, Lab.NORTH, Lab.WEST);
        Moves.assertWiresFollow(wires(), BRAVO, Lab.WEST);
        Moves.assertLabCarries(this::guestNs);
        assertEquals("nothing of bravo left on north", emptyNorth, Netns.links(hostNs(Lab.NORTH)));
        JsonNode history = json(console("vw:migration-list --json"));
        List<String> lastTwo = new ArrayList<>();
        for (int i = history.size() - 2; i < history.size(); i++) {
            JsonNode m = history.get(i);
            lastTwo.add(m.path("guest").asText() + " " + m.path("from").asText() + " -> " + m.path("to").asText() + " "
                    + m.path("outcome").asText());
        }
        assertEquals("vw:migration-list", List.of("bravo west -> north SUCCEEDED", "bravo north -> west SUCCEEDED"), lastTwo);
    }

    @Test
    public void aSwitchMovesWithItsWiresWhileTheProbeRunsAndBack() throws Exception {
        // the switch carries alpha's traffic to bravo: its three wires follow it (one was within host east)
        MigrationRecord there = migrate(SW, Lab.NORTH, Lab.ALPHA, Lab.BRAVO);
        Moves.assertSucceeded(there, SW, Lab.EAST, Lab.NORTH);
        Moves.assertWiresFollow(wires(), SW, Lab.NORTH);
        Moves.assertLabCarries(this::guestNs);
        assertTrue("bravo -> charlie through the switch on north", Netns.pingEventually(guestNs("bravo"), Lab.CHARLIE_IP, 3));

        MigrationRecord back = migrate(SW, Lab.EAST, Lab.CHARLIE, Lab.ALPHA);
        Moves.assertSucceeded(back, SW, Lab.NORTH, Lab.EAST);
        Moves.assertWiresFollow(wires(), SW, Lab.EAST);
        Moves.assertLabCarries(this::guestNs);
        assertEquals("nothing of the switch left on north", emptyNorth, Netns.links(hostNs(Lab.NORTH)));
        assertEquals("both moves in the history", List.of(there, back),
                migrations().history().subList(migrations().history().size() - 2, migrations().history().size()));
    }

    @Test
    public void migrationsToAnUnknownHostOrTheGuestsOwnHostAreRefusedAndChangeNothing() throws Exception {
        List<Object> model = model();
        List<String> namespaces = Netns.list(prefix());
        int records = migrations().history().size();

        String unknownHost = console("vw:guest-migrate bravo nosuch");
        assertTrue("refused, naming the host: " + unknownHost, unknownHost.contains("Error") && unknownHost.contains("nosuch"));
        String unknownGuest = console("vw:guest-migrate nosuch north");
        assertTrue("refused, naming the guest: " + unknownGuest, unknownGuest.contains("Error") && unknownGuest.contains("nosuch"));
        try {
            migrations().migrate(BRAVO, Lab.WEST, Map.of(), s -> { });
            fail("migrated bravo to the host it runs on");
        } catch (VirtualWireException e) {
            assertEquals("field of '" + e.getMessage() + "'", "host", e.field());
            assertTrue("names the host: " + e.getMessage(), e.getMessage().contains("west"));
        }
        Jolokia.Reply overJolokia = jolokia().exec(MIGRATIONS, "migrate", "sw", "east");
        assertFalse("refused over Jolokia too", overJolokia.ok());
        assertTrue("the reason travels: " + overJolokia.error(), overJolokia.error().contains("east"));

        awaitApplied();
        assertEquals("desired state unchanged", model, model());
        assertEquals("namespaces unchanged", namespaces, Netns.list(prefix()));
        assertEquals("no migration recorded", records, migrations().history().size());
        Moves.assertLabCarries(this::guestNs);
    }

    /** @return the JSON in a command's output */
    private static JsonNode json(String out) throws IOException {
        int start = 0;
        while (start < out.length() && out.charAt(start) != '{' && out.charAt(start) != '[') {
            start++;
        }
        return new ObjectMapper().readTree(out.substring(start));
    }

    /** Migrates through the service while the probe sends from one endpoint to another, and checks the probe. */
    private MigrationRecord migrate(GuestId guest, HostId to, EndpointId probeFrom, EndpointId probeTo) throws Exception {
        CompletableFuture<ProbeResult> probe = Moves.startProbe(
                () -> probes().probe(probeFrom, probeTo, Duration.ofSeconds(4), Duration.ofMillis(1)));
        MigrationRecord r = migrations().migrate(guest, to, Map.of(), s -> { });
        Moves.assertTrafficFlowed(probe.join(), r);
        return r;
    }
}
