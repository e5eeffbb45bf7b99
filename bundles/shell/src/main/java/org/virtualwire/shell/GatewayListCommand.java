package org.virtualwire.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

/**
 * {@code vw:gateway-list [--wires] [--json]}: the gateways running here with their counters: packets and bytes
 * received and forwarded, drops by reason, and how datagrams come in (AF_XDP or sockets); {@code --wires} adds
 * one row per wire through each gateway.
 */
@Service
@Command(scope = "vw", name = "gateway-list", description = "List the running gateways with their traffic and drops by reason")
public class GatewayListCommand extends ListAction<GatewayListCommand.Row> {
    @Reference
    BundleContext context;

    @Option(name = "--wires", aliases = "-w", description = "Also one row per wire through each gateway")
    boolean wires;

    /** One gateway, or one wire through it. */
    record Row(String gateway, String cloud, long revision, String receive, String wire, TrafficCounters counters) {
    }

    @Override
    List<Row> items() {
        Map<String, Row> rows = new TreeMap<>();
        for (Map.Entry<String, GatewayService> g : gateways().entrySet()) {
            GatewayService s = g.getValue();
            String receive = s.receivePath();
            rows.put(g.getKey(), new Row(g.getKey(), s.cloud().name(), s.tableRevision(), receive, "", s.counters()));
            if (wires) {
                for (Map.Entry<WireId, TrafficCounters> w : new TreeMap<>(s.wireCounters()).entrySet()) {
                    rows.put(g.getKey() + " " + String.format("%09d", w.getKey().vni()),
                            new Row(g.getKey(), s.cloud().name(), s.tableRevision(), receive, w.getKey().toString(),
                                    w.getValue()));
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** @return the running gateways by their host's name (or their cloud's, for a gateway machine) */
    private Map<String, GatewayService> gateways() {
        Map<String, GatewayService> found = new TreeMap<>();
        try {
            Collection<ServiceReference<GatewayService>> refs = context.getServiceReferences(GatewayService.class, null);
            for (ServiceReference<GatewayService> ref : refs) {
                GatewayService s = context.getService(ref);
                if (s != null) {
                    Object host = ref.getProperty("host");
                    found.put(host == null ? s.cloud().name() : host.toString(), s);
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    @Override
    List<String> columns() {
        List<String> cols = new ArrayList<>(List.of("Gateway", "Cloud", "Revision", "Receive"));
        if (wires) {
            cols.add("Wire");
        }
        cols.addAll(List.of("Rx Pkts", "Rx Bytes", "Fwd Pkts", "Fwd Bytes", "Drops", "Drops by reason"));
        return cols;
    }

    @Override
    List<Object> cells(Row r) {
        List<Object> row = new ArrayList<>(List.of(r.gateway(), r.cloud(), r.revision(), r.receive()));
        if (wires) {
            row.add(r.wire().isEmpty() ? "(all)" : r.wire());
        }
        TrafficCounters c = r.counters();
        row.addAll(List.of(c.receivedPackets(), c.receivedBytes(), c.forwardedPackets(), c.forwardedBytes(),
                c.droppedTotal(), reasons(c)));
        return row;
    }

    private static String reasons(TrafficCounters c) {
        List<String> parts = new ArrayList<>();
        for (GatewayDrop d : GatewayDrop.values()) {
            if (c.dropped(d) > 0) {
                parts.add(d.label() + "=" + c.dropped(d));
            }
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    @Override
    Map<String, Object> toJson(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gateway", r.gateway());
        m.put("cloud", r.cloud());
        m.put("revision", r.revision());
        m.put("receive", r.receive());
        if (!r.wire().isEmpty()) {
            m.put("wire", r.wire());
        }
        TrafficCounters c = r.counters();
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
