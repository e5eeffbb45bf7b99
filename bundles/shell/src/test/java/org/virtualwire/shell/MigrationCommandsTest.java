package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbedMigration;
import org.virtualwire.api.VirtualWireException;

class MigrationCommandsTest {
    private final FakeWires fake = new FakeWires().withTwoGuests();
    private final FakeMigrations migrations = new FakeMigrations();

    /**
     * Answers with a fixed record after telling each of its steps; refuses an unknown host, and a probe without
     * a target of a switch (which has no addressed NIC).
     */
    static final class FakeMigrations implements MigrationService {
        final List<MigrationRecord> history = new ArrayList<>();
        final List<MigrationProbe> probes = new ArrayList<>();
        Map<String, String> lastOptions;

        @Override
        public ProbedMigration migrate(GuestId guest, HostId to, Map<String, String> options, MigrationProbe probe,
                Consumer<MigrationStep> progress) {
            if (probe.target() == null && guest.name().startsWith("sw")) {
                throw new VirtualWireException("probe", "guest " + guest
                        + " has no NIC with an IPv4 address to probe: name one with --probe-to");
            }
            probes.add(probe);
            return new ProbedMigration(migrate(guest, to, options, progress),
                    new ProbeResult(probe.from(), "10.99.0.2", 3000, 2990, 10, 1, 2, 12.5, 1));
        }

        @Override
        public MigrationRecord migrate(GuestId guest, HostId to, Map<String, String> options, Consumer<MigrationStep> progress) {
            if (!to.name().startsWith("h")) {
                throw new VirtualWireException("host", "unknown host '" + to + "'");
            }
            lastOptions = options;
            List<MigrationStep> steps = List.of(new MigrationStep("prepare", 12.34, "h3 ready"),
                    new MigrationStep("dual-home", 5, ""), new MigrationStep("transfer", 40, "moved"),
                    new MigrationStep("activate", 7, ""), new MigrationStep("settle", 6, ""));
            steps.forEach(progress);
            MigrationRecord r = new MigrationRecord(history.size() + 1, guest, HostId.of("h2"), to, Instant.EPOCH, steps,
                    80.25, 18.5, Outcome.SUCCEEDED, "");
            history.add(r);
            return r;
        }

        @Override
        public List<MigrationRecord> history() {
            return history;
        }
    }

    private GuestMigrateCommand migrate(String guest, String host) {
        GuestMigrateCommand c = new GuestMigrateCommand();
        c.migrations = migrations;
        c.guest = guest;
        c.host = host;
        return c;
    }

    @Test
    void migratePrintsEachStepThenTheResult() throws Exception {
        String out = Console.run(migrate("web2", "h3"), fake);
        List<String> lines = out.lines().toList();
        assertEquals("prepare         12.3 ms  h3 ready", lines.get(0));
        assertEquals(List.of("prepare", "dual-home", "transfer", "activate", "settle"),
                lines.subList(0, 5).stream().map(l -> l.split(" ")[0]).toList());
        assertEquals("SUCCEEDED: web2 h2 -> h3, total 80.3 ms, pause 18.5 ms", lines.get(5));
        assertEquals(Map.of(), migrations.lastOptions);
    }

    @Test
    void optionsReachTheServiceAndJsonHasTheSteps() throws Exception {
        GuestMigrateCommand c = migrate("web2", "h3");
        c.json = true;
        c.wait = true;
        c.downtimeLimit = "10";
        c.maxBandwidth = "1073741824";
        JsonNode json = Console.json(Console.run(c, fake));
        assertEquals(Map.of("downtime-limit-ms", "10", "max-bandwidth", "1073741824"), migrations.lastOptions);
        assertEquals("SUCCEEDED", json.get("outcome").asText());
        assertEquals(5, json.get("steps").size());
        assertEquals("transfer", json.get("steps").get(2).get("name").asText());
        assertEquals(18.5, json.get("pauseMillis").asDouble());
    }

    @Test
    void probeGoesFromThePeerToTheGuestsAddressedNicAndPrintsItsTable() throws Exception {
        GuestMigrateCommand c = migrate("web2", "h3");
        c.probePeer = "web1/eth0";
        String out = Console.run(c, fake);
        // which NIC is probed and for how long is the migration service's (ProbeDuringMigrationTest)
        assertEquals(List.of(new MigrationProbe(EndpointId.parse("web1/eth0"), null, null)), migrations.probes);
        assertTrue(out.lines().anyMatch(l -> l.contains("web1/eth0 -> 10.99.0.2") && l.contains("2990") && l.contains("12.5")), out);
    }

    @Test
    void aSwitchIsProbedThroughToAnEndpointBehindIt() throws Exception {
        fake.addGuest(GuestId.of("sw1"), org.virtualwire.api.GuestKind.SWITCH, HostId.of("h1"));
        GuestMigrateCommand c = migrate("sw1", "h2");
        c.probePeer = "web1/eth0";
        c.probeTarget = "web2/eth0";
        c.probeSeconds = 2;
        Console.run(c, fake);
        assertEquals(List.of(new MigrationProbe(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"),
                Duration.ofSeconds(2))), migrations.probes);
    }

    @Test
    void refusalsPrintOneLine() throws Exception {
        assertEquals("Error: unknown host 'x9'\n", Console.run(migrate("web2", "x9"), fake));
        GuestMigrateCommand noAddress = migrate("web2", "h3");
        fake.addGuest(GuestId.of("sw1"), org.virtualwire.api.GuestKind.SWITCH, HostId.of("h1"));
        fake.addEndpoint(EndpointId.parse("sw1/p1"), null, null, null);
        noAddress.guest = "sw1";
        noAddress.probePeer = "web1/eth0";
        assertEquals("Error: guest sw1 has no NIC with an IPv4 address to probe: name one with --probe-to\n",
                Console.run(noAddress, fake));
        assertTrue(migrations.history.isEmpty());
        GuestMigrateCommand missing = migrate("web2", "h3");
        missing.migrations = null;
        assertEquals("Error: live migration is not installed: feature:install virtualwire-migration\n", Console.run(missing, fake));
        MigrationListCommand list = new MigrationListCommand();
        assertEquals("Error: live migration is not installed: feature:install virtualwire-migration\n", Console.run(list, fake));
    }

    @Test
    void listShowsHistoryInTableAndJson() throws Exception {
        migrations.migrate(GuestId.of("web2"), HostId.of("h3"), Map.of(), s -> { });
        MigrationListCommand list = new MigrationListCommand();
        list.migrations = migrations;
        String table = Console.run(list, fake);
        assertTrue(table.lines().anyMatch(l -> l.contains("web2") && l.contains("h3") && l.contains("SUCCEEDED")
                && l.contains("80.3") && l.contains("18.5")), table);
        MigrationListCommand json = new MigrationListCommand();
        json.migrations = migrations;
        json.json = true;
        JsonNode arr = Console.json(Console.run(json, fake));
        assertEquals(1, arr.size());
        assertEquals("h2", arr.get(0).get("from").asText());
        assertEquals("prepare", arr.get(0).get("steps").get(0).get("name").asText());
        assertEquals(12.34, arr.get(0).get("steps").get(0).get("millis").asDouble());
    }

    @Test
    void unknownPauseShowsAsDash() {
        assertEquals("-", MigrationListCommand.millis(-1));
        assertEquals("0.0", MigrationListCommand.millis(0));
    }
}
