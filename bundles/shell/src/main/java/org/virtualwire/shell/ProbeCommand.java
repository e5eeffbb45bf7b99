package org.virtualwire.shell;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbeService;
import org.virtualwire.api.VirtualWireException;

/** {@code vw:probe FROM TO}: sequenced packets between two guests; longest gap, losses, duplicates, reordering. */
@Service
@Command(scope = "vw", name = "probe", description = "Send sequenced packets from one guest to another at a fixed rate and report gaps and losses")
public class ProbeCommand extends VwAction {
    @Reference
    ProbeService probes;

    @Argument(index = 0, name = "from", description = "The sending endpoint, guest/nic", required = true)
    @Completion(EndpointCompleter.class)
    String from;

    @Argument(index = 1, name = "to", description = "The probed endpoint, guest/nic (must have an IPv4 address)", required = true)
    @Completion(EndpointCompleter.class)
    String to;

    @Option(name = "--duration", description = "Seconds to send (default 5)")
    double seconds = 5;

    @Option(name = "--interval", description = "Milliseconds between two packets (default 1)")
    double intervalMillis = 1;

    @Option(name = "--json", description = "Print a JSON object instead of a table")
    boolean json;

    @Override
    protected void run() throws Exception {
        if (seconds <= 0 || intervalMillis <= 0) {
            throw new VirtualWireException("duration", "--duration and --interval must be above 0");
        }
        ProbeResult r = probes.probe(EndpointId.parse(from), EndpointId.parse(to),
                Duration.ofNanos((long) (seconds * 1e9)), Duration.ofNanos((long) (intervalMillis * 1e6)));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", r.from().toString());
            m.put("target", r.target());
            m.put("sent", r.sent());
            m.put("received", r.received());
            m.put("lost", r.lost());
            m.put("duplicates", r.duplicates());
            m.put("reordered", r.reordered());
            m.put("longestGapMillis", r.longestGapMillis());
            m.put("intervalMillis", r.intervalMillis());
            printJson(m);
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"From", "Target", "Sent", "Received", "Lost", "Duplicates", "Reordered", "Longest gap (ms)"}) {
            table.column(c);
        }
        table.addRow().addContent(r.from().toString(), r.target(), r.sent(), r.received(), r.lost(), r.duplicates(),
                r.reordered(), String.format("%.1f", r.longestGapMillis()));
        table.print(out());
    }
}
