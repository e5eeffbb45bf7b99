package org.virtualwire.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Status;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;

/** {@code vw:wire-list [--counters]}. */
@Service
@Command(scope = "vw", name = "wire-list", description = "List the wires with their hosts and status")
public class WireListCommand extends ListAction<Wire> {
    @Option(name = "--counters", aliases = "-c", description = "Add packet counters (packets each end sent and received)")
    boolean counters;

    @Override
    List<Wire> items() {
        return wireService.wires();
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
    List<Object> cells(Wire w) {
        String ha = host(w.a());
        String hb = host(w.b());
        List<Object> row = new ArrayList<>(List.of(w.id().vni(), w.a().toString(), w.b().toString(),
                ha.equals(hb) ? ha : ha + " <-> " + hb, text(w.tunnel()), mtu(w), wireService.status(w.id()).toString()));
        if (counters) {
            WireCounters c = wireService.counters(w.id());
            row.addAll(List.of(c.a().sentPackets(), c.a().receivedPackets(), c.b().sentPackets(),
                    c.b().receivedPackets(), c.a().drops() + c.b().drops()));
        }
        return row;
    }

    @Override
    Map<String, Object> toJson(Wire w) {
        Status status = wireService.status(w.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id().vni());
        m.put("a", w.a().toString());
        m.put("b", w.b().toString());
        m.put("hostA", host(w.a()));
        m.put("hostB", host(w.b()));
        m.put("tunnel", w.tunnel());
        m.put("mtu", mtu(w));
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

    /**
     * @return the MTU the wire carries end to end: its L2 segment's, which both its NICs have (the smaller of
     *         the two, should a VM's differ)
     */
    private int mtu(Wire w) {
        return Math.min(mtu(w.a()), mtu(w.b()));
    }

    private int mtu(EndpointId e) {
        return wireService.endpoint(e).map(Endpoint::mtu).orElse(0);
    }

    private String host(EndpointId e) {
        return wireService.guest(e.guest()).map(g -> g.host().name()).orElse("?");
    }
}
