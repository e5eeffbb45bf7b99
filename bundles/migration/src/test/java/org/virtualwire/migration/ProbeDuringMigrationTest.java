package org.virtualwire.migration;

import org.virtualwire.core.impl.PluginTable;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbedMigration;
import org.virtualwire.api.VirtualWireException;

/**
 * A migration with a probe (what {@code vw:guest-migrate --probe} and the migrations MBean ask for): which
 * endpoint is probed, for how long, and a refused probe moving nothing.
 */
class ProbeDuringMigrationTest {
    @TempDir
    Path data;
    private final FakeWorld world = new FakeWorld().host("h1").host("h2")
            .guest("web1", GuestKind.CONTAINER, "h1", "eth0").guest("web2", GuestKind.CONTAINER, "h1", "eth0")
            .guest("sw1", GuestKind.SWITCH, "h1", "p1").guest("vm1", GuestKind.VM, "h1", "eth0");
    private final List<String> probed = new CopyOnWriteArrayList<>();
    private MigrationManager manager;
    private PluginTable plugins;

    @BeforeEach
    void start() throws Exception {
        address("web1/eth0", "10.99.0.1/24");
        address("web2/eth0", "10.99.0.2/24");
        address("vm1/eth0", "10.99.0.3/24");
        FakeDriver driver = new FakeDriver();
        plugins = new PluginTable();
        plugins.add((CloudDriver) driver);
        plugins.add((HostRuntime) driver);
        manager = new MigrationManager(world, world, plugins, Duration.ofSeconds(1));
        manager.probes = (from, to, duration, interval) -> {
            probed.add(from + " -> " + to + " for " + duration.toMillis() + " ms every " + interval.toMillis() + " ms");
            return new ProbeResult(from, "10.99.0.2", 3000, 2990, 10, 1, 2, 12.5, 1);
        };
        manager.start(data.resolve("migrations.json"));
    }

    private void address(String endpoint, String prefix) {
        EndpointId id = EndpointId.parse(endpoint);
        Endpoint e = world.endpoint(id).orElseThrow();
        world.removeEndpoint(id);
        world.addEndpoint(id, e.mac().toString(), prefix, e.mtu());
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    private ProbedMigration migrate(String guest, String to, MigrationProbe probe) {
        List<MigrationStep> progress = new CopyOnWriteArrayList<>();
        ProbedMigration p = manager.migrate(GuestId.of(guest), HostId.of(to), Map.of(), probe, progress::add);
        assertEquals(p.migration().steps(), progress);
        return p;
    }

    @Test
    void theProbeGoesFromThePeerToTheGuestsAddressedNicForThreeSeconds() {
        ProbedMigration p = migrate("web2", "h2", new MigrationProbe(EndpointId.parse("web1/eth0"), null, null));
        assertEquals(Outcome.SUCCEEDED, p.migration().outcome(), p.migration().error());
        assertEquals(List.of("web1/eth0 -> web2/eth0 for 3000 ms every 1 ms"), probed);
        assertEquals(2990, p.probe().received());
        assertEquals(List.of(p.migration()), manager.history());
    }

    /** Whoever asked (console, JMX), the history keeps what the probe saw, also across a restart. */
    @Test
    void theProbesResultIsPartOfTheRecordTheHistoryKeeps() throws Exception {
        ProbedMigration p = migrate("web2", "h2", new MigrationProbe(EndpointId.parse("web1/eth0"), null, null));
        assertEquals(p.probe(), p.migration().probe());
        assertEquals(12.5, manager.history().get(0).probe().longestGapMillis());
        assertEquals(List.of(p), manager.probedHistory());
        manager.stop();
        manager = new MigrationManager(world, world, plugins, Duration.ofSeconds(1));
        manager.start(data.resolve("migrations.json"));
        MigrationRecord kept = manager.history().get(0);
        assertEquals(p.migration(), kept);
        assertEquals(new ProbeResult(EndpointId.parse("web1/eth0"), "10.99.0.2", 3000, 2990, 10, 1, 2, 12.5, 1),
                kept.probe());
        assertEquals(List.of(p), manager.probedHistory());
    }

    @Test
    void aMigrationWithoutAProbeKeepsNone() {
        manager.migrate(GuestId.of("web2"), HostId.of("h2"), Map.of(), s -> { });
        assertNull(manager.history().get(0).probe());
        assertTrue(manager.probedHistory().isEmpty());
    }

    @Test
    void aVmIsProbedLongerByDefault() {
        migrate("vm1", "h2", new MigrationProbe(EndpointId.parse("web1/eth0"), null, null));
        assertEquals(List.of("web1/eth0 -> vm1/eth0 for 15000 ms every 1 ms"), probed);
    }

    @Test
    void aSwitchIsProbedThroughToAnEndpointBehindItForAsLongAsAsked() {
        migrate("sw1", "h2", new MigrationProbe(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"),
                Duration.ofSeconds(2)));
        assertEquals(List.of("web1/eth0 -> web2/eth0 for 2000 ms every 1 ms"), probed);
    }

    @Test
    void aRefusedProbeMovesNothing() {
        assertEquals("guest sw1 has no NIC with an IPv4 address to probe: name one with --probe-to",
                assertThrows(VirtualWireException.class,
                        () -> migrate("sw1", "h2", new MigrationProbe(EndpointId.parse("web1/eth0"), null, null))).getMessage());
        assertTrue(manager.history().isEmpty());
        assertTrue(world.moves.isEmpty());
        assertEquals(HostId.of("h1"), world.hostOf("sw1"));
        assertTrue(probed.isEmpty());
    }
}
