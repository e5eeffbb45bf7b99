package org.virtualwire.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

/** {@code vw:gateway-counters}: this machine's gateway, in total and per wire, with drops by reason. */
@Service
@Command(scope = "vw", name = "gateway-counters",
        description = "Show the cross-cloud gateway's packet, byte and drop counters, in total and per wire")
public class GatewayCountersCommand extends VwAction {

    @Reference(optional = true)
    GatewayService gateway;

    @Option(name = "--json", description = "Print a JSON object instead of a table")
    boolean json;

    @Override
    protected void run() throws Exception {
        if (gateway == null) {
            out().println("No gateway runs on this machine (install virtualwire-gateway and name a cloud in "
                    + "etc/org.virtualwire.gateway.cfg)");
            return;
        }
        Map<String, TrafficCounters> rows = new LinkedHashMap<>();
        rows.put("total", gateway.counters());
        gateway.wireCounters().forEach((wire, c) -> rows.put(String.valueOf(wire.vni()), c));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cloud", gateway.cloud().name());
            m.put("tableRevision", gateway.tableRevision());
            Map<String, Object> counters = new LinkedHashMap<>();
            rows.forEach((name, c) -> counters.put(name, json(c)));
            m.put("counters", counters);
            printJson(m);
            return;
        }
        out().println("Gateway of cloud " + gateway.cloud().name() + ", table of revision " + gateway.tableRevision());
        ShellTable table = new ShellTable();
        for (String column : List.of("Wire", "RxPackets", "RxBytes", "TxPackets", "TxBytes")) {
            table.column(column);
        }
        for (GatewayDrop d : GatewayDrop.values()) {
            table.column(d.label());
        }
        rows.forEach((name, c) -> {
            List<Object> cells = new ArrayList<>(List.of(name, c.receivedPackets(), c.receivedBytes(),
                    c.forwardedPackets(), c.forwardedBytes()));
            for (GatewayDrop d : GatewayDrop.values()) {
                cells.add(c.dropped(d));
            }
            table.addRow().addContent(cells);
        });
        table.print(out());
    }

    private static Map<String, Object> json(TrafficCounters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receivedPackets", c.receivedPackets());
        m.put("receivedBytes", c.receivedBytes());
        m.put("forwardedPackets", c.forwardedPackets());
        m.put("forwardedBytes", c.forwardedBytes());
        Map<String, Object> drops = new LinkedHashMap<>();
        for (GatewayDrop d : GatewayDrop.values()) {
            drops.put(d.label(), c.dropped(d));
        }
        m.put("drops", drops);
        return m;
    }
}
