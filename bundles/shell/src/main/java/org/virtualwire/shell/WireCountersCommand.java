package org.virtualwire.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireId;

/** {@code vw:wire-counters ID}: the kernel counters of both ends of one wire. */
@Service
@Command(scope = "vw", name = "wire-counters", description = "Show a wire's packet, byte and drop counters at both ends")
public class WireCountersCommand extends VwAction {
    @Argument(index = 0, name = "id", description = "The wire id", required = true)
    @Completion(WireCompleter.class)
    String id;

    @Option(name = "--json", description = "Print a JSON object instead of a table")
    boolean json;

    @Override
    protected void run() throws Exception {
        WireId wireId = WireId.parse(id);
        WireCounters c = wireService.counters(wireId);
        // counters() refuses an unknown wire, so the wire is there (barring a concurrent disconnect)
        Wire wire = wireService.wire(wireId).orElseThrow(() -> new IllegalStateException("wire " + id + " vanished"));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wire", wireId.vni());
            m.put("a", end(wire.a().toString(), CounterColumns.json(c.a())));
            m.put("b", end(wire.farEnd(), CounterColumns.json(c.b())));
            printJson(m);
            return;
        }
        ShellTable table = new ShellTable();
        table.column("End");
        table.column("Endpoint");
        CounterColumns.HEADERS.forEach(table::column);
        table.addRow().addContent(row("a", wire.a().toString(), CounterColumns.cells(c.a())));
        table.addRow().addContent(row("b", wire.farEnd(), CounterColumns.cells(c.b())));
        table.print(out());
    }

    private static Map<String, Object> end(String e, Map<String, Object> counters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", e);
        m.putAll(counters);
        return m;
    }

    private static List<Object> row(String end, String e, List<Object> cells) {
        List<Object> row = new ArrayList<>(List.of(end, e.toString()));
        row.addAll(cells);
        return row;
    }
}
