package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbedMigration;
import org.virtualwire.api.VirtualWireException;

class MigrationsManagementTest {
    private static final String S = String.class.getName();
    private final MBeanServerFixture jmx = new MBeanServerFixture();
    private final List<MigrationRecord> history = new ArrayList<>();
    private ObjectName name;

    /** Rolls back every migration (the guest stays at h1) and refuses a second one of the same guest. */
    private final MigrationService service = new MigrationService() {
        @Override
        public MigrationRecord migrate(GuestId guest, HostId to, Map<String, String> options, Consumer<MigrationStep> progress) {
            if (history.stream().anyMatch(r -> r.guest().equals(guest))) {
                throw new VirtualWireException("guest", "guest " + guest + " is already migrating");
            }
            MigrationRecord r = new MigrationRecord(history.size() + 1, guest, HostId.of("h1"), to, Instant.EPOCH,
                    List.of(new MigrationStep("prepare", 3.5, "ready"), new MigrationStep("transfer", 1, "failed: boom"),
                            new MigrationStep("rollback", 2, "")), 9.5, -1, MigrationRecord.Outcome.ROLLED_BACK, "boom");
            history.add(r);
            return r;
        }

        @Override
        public ProbedMigration migrate(GuestId guest, HostId to, Map<String, String> options, MigrationProbe probe,
                Consumer<MigrationStep> progress) {
            probes.add(probe);
            MigrationRecord r = migrate(guest, to, options, progress);
            ProbeResult seen = new ProbeResult(probe.from(), "10.99.0.2", 3000, 2990, 10, 1, 2, 12.5, 1);
            // as the migration service does: the history's record carries what the probe saw
            history.set(history.indexOf(r), r.withProbe(seen));
            return new ProbedMigration(r.withProbe(seen), seen);
        }

        @Override
        public List<MigrationRecord> history() {
            return history;
        }
    };
    private final List<MigrationProbe> probes = new ArrayList<>();

    @BeforeEach
    void register() throws Exception {
        name = jmx.register(new MigrationsManagement(service), MigrationsMXBean.OBJECT_NAME);
    }

    @Test
    void migrateReturnsTheRecordAndHistoryShowsItWithItsSteps() throws Exception {
        CompositeData r = (CompositeData) jmx.invoke(name, "migrate", new Object[] {"web1", "h2"}, S, S);
        assertEquals("ROLLED_BACK", r.get("outcome"));
        assertEquals("boom", r.get("error"));
        assertEquals(-1.0, r.get("pauseMillis"));
        CompositeData[] history = (CompositeData[]) jmx.server.getAttribute(name, "History");
        assertEquals(1, history.length);
        assertEquals("web1", history[0].get("guest"));
        assertEquals("1970-01-01T00:00:00Z", history[0].get("started"));
        CompositeData[] steps = (CompositeData[]) history[0].get("steps");
        assertEquals(List.of("prepare", "transfer", "rollback"), List.of(steps).stream().map(s -> s.get("name")).toList());
        assertEquals(3.5, steps[0].get("millis"));
        assertNull(history[0].get("probe"), "migrated without a probe");
    }

    @Test
    void migrateWithProbeAsksTheServiceForTheProbeAndReturnsWhatItSaw() throws Exception {
        String d = double.class.getName();
        CompositeData r = (CompositeData) jmx.invoke(name, "migrateWithProbe",
                new Object[] {"web1", "h2", "web2/eth0", "", 0.0}, S, S, S, S, d);
        assertEquals(List.of(new MigrationProbe(EndpointId.parse("web2/eth0"), null, null)), probes);
        assertEquals("ROLLED_BACK", ((CompositeData) r.get("migration")).get("outcome"));
        assertEquals(2990L, ((CompositeData) r.get("probe")).get("received"));
        assertEquals(12.5, ((CompositeData) r.get("probe")).get("longestGapMillis"));
        CompositeData[] history = (CompositeData[]) jmx.server.getAttribute(name, "History");
        CompositeData kept = (CompositeData) history[0].get("probe");
        assertEquals(12.5, kept.get("longestGapMillis"), "the history shows the probe of a migration, whoever started it");
        assertEquals(10L, kept.get("lost"));
        assertEquals(3000L, kept.get("sent"));
        jmx.invoke(name, "migrateWithProbe", new Object[] {"web3", "h2", "web2/eth0", "sw1/p1", 2.5}, S, S, S, S, d);
        assertEquals(new MigrationProbe(EndpointId.parse("web2/eth0"), EndpointId.parse("sw1/p1"), Duration.ofMillis(2500)),
                probes.get(1));
        assertEquals("invalid endpoint 'web2': write guest/nic, e.g. web1/eth0",
                jmx.refusal(name, "migrateWithProbe", new Object[] {"web4", "h2", "web2", "", 0.0}, S, S, S, S, d));
    }

    @Test
    void aRefusalReachesTheClientAsItsMessage() throws Exception {
        jmx.invoke(name, "migrate", new Object[] {"web1", "h2"}, S, S);
        assertEquals("guest web1 is already migrating", jmx.refusal(name, "migrate", new Object[] {"web1", "h2"}, S, S));
        assertEquals("invalid host name 'H 2': use 1 to 15 characters a-z, 0-9 and '-', starting with a letter or digit",
                jmx.refusal(name, "migrate", new Object[] {"web2", "H 2"}, S, S));
        assertEquals(1, history.size());
    }

    @Test
    void withoutTheMigrationFeatureTheMBeanSaysWhatToInstall() throws Exception {
        ObjectName bare = jmx.register(new MigrationsManagement(), "org.virtualwire:type=migrations,name=bare");
        assertEquals(0, ((CompositeData[]) jmx.server.getAttribute(bare, "History")).length);
        assertEquals("live migration is not installed: feature:install virtualwire-migration",
                jmx.refusal(bare, "migrate", new Object[] {"web1", "h2"}, S, S));
    }
}
