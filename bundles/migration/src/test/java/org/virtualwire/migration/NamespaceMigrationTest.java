package org.virtualwire.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.core.impl.PluginTable;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.driver.local.LocalLab;
import org.virtualwire.host.linux.LinuxHostRuntime;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * The migration routes on real namespaces: a container and a switch move while a probe runs, and a failed
 * transfer rolls back with the path intact and the destination clean. Step times are printed, not asserted.
 */
class NamespaceMigrationTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("vwm-t"); // parallel runs never meet
    @TempDir
    Path data;
    private LocalLab lab;
    private LinuxHostRuntime driver;
    private final PluginTable plugins = new PluginTable();
    private WireManager wires;
    private MigrationManager migrations;
    private final List<MigrationRecord> done = new ArrayList<>();
    private final List<ProbeResult> probes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        lab = new LocalLab(PREFIX, data.resolve("store"));
        wires = lab.start();
        driver = lab.runtime();
        wires.batch(a -> {
            for (String h : new String[] {"h1", "h2", "h3"}) {
                a.addHost(HostId.of(h), CloudId.of("local"), null);
            }
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("sw1"), GuestKind.SWITCH, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
            a.addEndpoint(EndpointId.parse("sw1/p1"), null, null, null);
            a.addEndpoint(EndpointId.parse("sw1/p2"), null, null, null);
            a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("sw1/p1"));
            a.connect(EndpointId.parse("web2/eth0"), EndpointId.parse("sw1/p2"));
        });
        assertTrue(wires.awaitApplied(Duration.ofSeconds(30)));
        plugins.add(lab.driver());
        plugins.add(driver);
        migrations = new MigrationManager(wires, wires, plugins, Duration.ofSeconds(30));
        migrations.start(data.resolve("migrations.json"));
    }

    @AfterEach
    void stop() {
        if (migrations != null) {
            migrations.stop();
        }
        if (lab != null) {
            lab.stop();
        }
        printTable();
    }

    /** Migrates while web1 probes web2 through the switch, from 300 ms before until 500 ms after. */
    private MigrationRecord migrateWhileProbing(String guest, String to) throws Exception {
        CompletableFuture<ProbeResult> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return driver.probe(null, wires.guest(GuestId.of("web1")).orElseThrow(), EndpointId.parse("web1/eth0"),
                        "10.99.0.2", Duration.ofSeconds(2), Duration.ofMillis(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        MigrationRecord r = migrations.migrate(GuestId.of(guest), HostId.of(to), Map.of(), s -> { });
        ProbeResult p = probe.join();
        done.add(r);
        probes.add(p);
        return r;
    }

    private ProbeResult probeNow() throws Exception {
        return driver.probe(null, wires.guest(GuestId.of("web1")).orElseThrow(), EndpointId.parse("web1/eth0"),
                "10.99.0.2", Duration.ofMillis(500), Duration.ofMillis(2));
    }

    /** The guests' NICs as the guests see them: device, MAC and carrier history. */
    private Map<String, String> guestNics() throws Exception {
        Map<String, String> seen = new java.util.TreeMap<>();
        for (String nic : new String[] {"web1/eth0", "web2/eth0", "sw1/p1", "sw1/p2"}) {
            EndpointId id = EndpointId.parse(nic);
            String sys = "/sys/class/net/" + id.nic() + "/";
            seen.put(nic, KERNEL.exec(PREFIX + "g-" + id.guest(), "cat", sys + "ifindex", sys + "address",
                    sys + "carrier_changes").replace('\n', ' ').strip());
        }
        return seen;
    }

    /** @return the devices in a guest's namespace that link it to hosts */
    private static List<String> links(String guest) throws Exception {
        return KERNEL.links(PREFIX + "g-" + guest).stream().map(Link::name).filter(n -> n.matches("l[0-9a-z]+\\..*"))
                .toList();
    }

    @Test
    void containerAndSwitchMoveWhileTrafficFlows() throws Exception {
        Map<String, String> before = guestNics();
        MigrationRecord web2 = migrateWhileProbing("web2", "h3");
        assertEquals(Outcome.SUCCEEDED, web2.outcome(), web2.error());
        assertEquals(HostId.of("h3"), wires.guest(GuestId.of("web2")).orElseThrow().host());
        MigrationRecord sw1 = migrateWhileProbing("sw1", "h2");
        assertEquals(Outcome.SUCCEEDED, sw1.outcome(), sw1.error());
        MigrationRecord back = migrateWhileProbing("web2", "h2");
        assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
        for (ProbeResult p : probes) {
            assertEquals(0, p.lost(), "nothing lost across the move: " + p);
        }
        assertEquals(0, probeNow().lost(), "the path works after the moves");
        assertEquals(3, migrations.history().size());
        assertEquals(before, guestNics(), "the guests kept their NICs, MACs and carrier");
        assertEquals(1, links("web2").size(), "web2 is linked to its host only: " + links("web2"));
        assertEquals(2, links("sw1").size(), "sw1 is linked to its host only: " + links("sw1"));
    }

    @Test
    void failedTransferRollsBackAndLeavesTheDestinationClean() throws Exception {
        Map<String, String> before = guestNics();
        plugins.remove(driver);
        plugins.add(new FailingTransfer(driver));
        MigrationRecord r = migrateWhileProbing("web2", "h3");
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertEquals("the destination died", r.error());
        assertEquals(HostId.of("h2"), wires.guest(GuestId.of("web2")).orElseThrow().host());
        assertTrue(wires.move(GuestId.of("web2")).isEmpty());
        assertEquals(0, probeNow().lost(), "the guest answers at the source");
        List<String> left = KERNEL.links(PREFIX + "h-h3").stream().map(Link::name)
                .filter(n -> !n.equals("lo") && !n.equals("ul0")).toList();
        assertEquals(List.of(), left, "nothing is left at the destination");
        assertEquals(1, links("web2").size(), "web2 keeps its link to the source only: " + links("web2"));
        assertEquals(before, guestNics(), "the guests' NICs were not touched");
    }

    private void printTable() {
        if (done.isEmpty()) {
            return;
        }
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n%-6s %-4s %-4s %-12s", "guest", "from", "to", "outcome"));
        for (String s : new String[] {"prepare", "dual-home", "transfer", "activate", "settle", "rollback"}) {
            t.append(String.format(Locale.ROOT, " %9s", s));
        }
        t.append(String.format(Locale.ROOT, " %9s %9s %9s %6s %5s%n", "total", "pause", "gap", "lost", "dup"));
        for (int i = 0; i < done.size(); i++) {
            MigrationRecord r = done.get(i);
            ProbeResult p = probes.get(i);
            t.append(String.format(Locale.ROOT, "%-6s %-4s %-4s %-12s", r.guest(), r.from(), r.to(), r.outcome()));
            for (String s : new String[] {"prepare", "dual-home", "transfer", "activate", "settle", "rollback"}) {
                t.append(String.format(Locale.ROOT, " %9s", r.steps().stream().filter(x -> x.name().equals(s))
                        .map(MigrationStep::millis).map(m -> String.format(Locale.ROOT, "%.1f", m)).findFirst().orElse("-")));
            }
            t.append(String.format(Locale.ROOT, " %9.1f %9.1f %9.1f %6d %5d%n", r.totalMillis(), r.pauseMillis(),
                    p.longestGapMillis(), p.lost(), p.duplicates()));
        }
        System.out.println(t + "(milliseconds; gap, lost and dup from a 1 ms probe web1 -> web2 through sw1)");
    }
}
