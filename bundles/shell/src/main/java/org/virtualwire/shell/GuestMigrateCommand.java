package org.virtualwire.shell;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbedMigration;

/**
 * {@code vw:guest-migrate [--probe PEER] GUEST HOST}: moves a running guest, printing each step as it ends, then
 * the outcome; with {@code --probe}, what a peer felt meanwhile.
 */
@Service
@Command(scope = "vw", name = "guest-migrate", description = "Move a running guest to another host while its wires follow")
public class GuestMigrateCommand extends VwAction {
    /** Optional: Karaf holds back every command of this bundle until each mandatory reference is there. */
    @Reference(optional = true)
    MigrationService migrations;

    @Option(name = "--wait", description = "Wait until the migration ends (it always does; kept for scripts that pass it)")
    boolean wait;

    @Option(name = "--json", description = "Print the migration record as JSON instead of the steps as they end")
    boolean json;

    @Option(name = "--probe", description = "Probe from this endpoint (guest/nic) to the guest's first addressed NIC during the migration")
    @Completion(EndpointCompleter.class)
    String probePeer;

    @Option(name = "--probe-to", description = "The probed endpoint, guest/nic (default: the guest's first addressed NIC;"
            + " give one behind a switch or router that migrates)")
    @Completion(EndpointCompleter.class)
    String probeTarget;

    @Option(name = "--probe-duration", description = "Seconds the probe runs (default 3, 15 for a VM); it must outlast the migration")
    double probeSeconds;

    @Option(name = "--downtime-limit", description = "Longest pause the hypervisor may take, in milliseconds (VMs)")
    String downtimeLimit;

    @Option(name = "--max-bandwidth", description = "Bandwidth the hypervisor may use, in bytes per second (VMs)")
    String maxBandwidth;

    @Argument(index = 0, name = "guest", description = "The guest to move", required = true)
    @Completion(GuestCompleter.class)
    String guest;

    @Argument(index = 1, name = "host", description = "The host it moves to", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    protected void run() throws Exception {
        MigrationListCommand.require(migrations);
        GuestId id = GuestId.of(guest);
        Map<String, String> options = new LinkedHashMap<>();
        if (downtimeLimit != null) {
            options.put("downtime-limit-ms", downtimeLimit);
        }
        if (maxBandwidth != null) {
            options.put("max-bandwidth", maxBandwidth);
        }
        MigrationRecord r;
        ProbeResult p = null;
        if (probePeer == null) {
            r = migrations.migrate(id, HostId.of(host), options, this::printStep);
        } else {
            MigrationProbe probe = new MigrationProbe(EndpointId.parse(probePeer),
                    probeTarget == null ? null : EndpointId.parse(probeTarget),
                    probeSeconds > 0 ? Duration.ofMillis((long) (probeSeconds * 1000)) : null);
            ProbedMigration done = migrations.migrate(id, HostId.of(host), options, probe, this::printStep);
            r = done.migration();
            p = done.probe();
        }
        if (json) {
            Map<String, Object> m = MigrationListCommand.json(r);
            if (p != null) {
                m.put("probe", probeJson(p));
            }
            printJson(m);
            return;
        }
        out().printf(Locale.ROOT, "%s: %s %s -> %s, total %s ms, pause %s ms%s%n", r.outcome(), r.guest(), r.from(), r.to(),
                MigrationListCommand.millis(r.totalMillis()), MigrationListCommand.millis(r.pauseMillis()),
                r.error().isEmpty() ? "" : "; " + r.error());
        if (p != null) {
            printProbe(p);
        }
    }

    private void printStep(MigrationStep s) {
        if (!json) {
            out().printf(Locale.ROOT, "%-12s %7.1f ms  %s%n", s.name(), s.millis(), s.detail());
            out().flush();
        }
    }

    private void printProbe(ProbeResult p) {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Probe", "Sent", "Received", "Lost", "Duplicates", "Reordered", "Longest gap (ms)"}) {
            table.column(c);
        }
        table.addRow().addContent(p.from() + " -> " + p.target(), p.sent(), p.received(), p.lost(), p.duplicates(),
                p.reordered(), String.format(Locale.ROOT, "%.1f", p.longestGapMillis()));
        table.print(out());
    }

    private static Map<String, Object> probeJson(ProbeResult p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", p.from().toString());
        m.put("target", p.target());
        m.put("sent", p.sent());
        m.put("received", p.received());
        m.put("lost", p.lost());
        m.put("duplicates", p.duplicates());
        m.put("reordered", p.reordered());
        m.put("longestGapMillis", p.longestGapMillis());
        return m;
    }
}
