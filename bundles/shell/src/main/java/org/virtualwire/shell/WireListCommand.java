package org.virtualwire.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireView;

/** {@code vw:wire-list [--counters]}: each wire with its hosts, MTU and status from one revision of the desired state. */
@Service
@Command(scope = "vw", name = "wire-list", description = "List the wires with their hosts and status")
public class WireListCommand extends ListAction<WireView> {
    @Option(name = "--counters", aliases = "-c", description = "Add packet counters (packets each end sent and received)")
    boolean counters;

    @Override
    List<WireView> items() {
        return wireService.wireViews();
    }

    @Override
    List<String> columns() {
        List<String> cols = new ArrayList<>(List.of("Id", "A", "B", "Hosts", "Tunnel", "MTU", "Status"));
        if (counters) {
            cols.addAll(List.of("A Tx Pkts", "A Rx Pkts", "B Tx Pkts", "B Rx Pkts", "Drops"));
        }
        return cols;
    }

    @Override
    List<Object> cells(WireView v) {
        Wire w = v.wire();
        String ha = host(v.hostA());
        String hb = w.toOutside() ? "outside (anchor " + w.outside().anchor() + ")" : host(v.hostB());
        List<Object> row = new ArrayList<>(List.of(w.id().vni(), w.a().toString(), w.farEnd(),
                ha.equals(hb) ? ha : ha + " <-> " + hb, text(w.tunnel()), v.mtu(), v.status().toString()));
        if (counters) {
            WireCounters c = wireService.counters(w.id());
            row.addAll(List.of(c.a().sentPackets(), c.a().receivedPackets(), c.b().sentPackets(),
                    c.b().receivedPackets(), c.a().drops() + c.b().drops()));
        }
        return row;
    }

    @Override
    Map<String, Object> toJson(WireView v) {
        Wire w = v.wire();
        Status status = v.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id().vni());
        m.put("a", w.a().toString());
        m.put("b", w.farEnd());
        if (w.toOutside()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("address", w.outside().address());
            out.put("vni", w.outside().vni());
            out.put("anchor", w.outside().anchor());
            m.put("outside", out);
        }
        m.put("hostA", host(v.hostA()));
        m.put("hostB", host(v.hostB()));
        m.put("tunnel", w.tunnel());
        m.put("mtu", v.mtu());
        m.put("status", status.health().name());
        m.put("detail", status.detail());
        if (counters) {
            WireCounters c = wireService.counters(w.id());
            Map<String, Object> ends = new LinkedHashMap<>();
            ends.put("a", CounterColumns.json(c.a()));
            ends.put("b", CounterColumns.json(c.b()));
            m.put("counters", ends);
        }
        return m;
    }

    private static String host(HostId h) {
        return h == null ? "?" : h.name();
    }
}
