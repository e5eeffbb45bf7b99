package org.virtualwire.core.impl.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireService;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes the current state as a topology document that {@link TopologyParser} reads back to the same state.
 * Written by hand rather than through a YAML dumper so that the output looks like what a person would write
 * (one wire per line as a flow pair), while scalars that YAML could misread are quoted.
 */
final class TopologyWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./@+-]*(:[A-Za-z0-9_./@+-]+)*");
    private static final Resolver RESOLVER = new Resolver();

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * @param now the current state
     * @return it as a document
     */
    String write(WireService now) {
        out.append("# VirtualWire topology, exported\n");
        List<Cloud> clouds = now.clouds().stream()
                .filter(c -> !(c.id().equals(TopologyParser.LOCAL) && "local".equals(c.driver()) && c.properties().isEmpty()))
                .toList();
        if (!clouds.isEmpty()) {
            out.append("clouds:\n");
            for (Cloud c : clouds) {
                out.append("  - name: ").append(c.id()).append('\n');
                out.append("    driver: ").append(scalar(c.driver())).append('\n');
                if (!c.properties().isEmpty()) {
                    out.append("    properties:\n");
                    new TreeMap<>(c.properties()).forEach((k, v) ->
                            out.append("      ").append(scalar(k)).append(": ").append(scalar(v)).append('\n'));
                }
            }
        }
        List<Host> hosts = now.hosts();
        out.append(hosts.isEmpty() ? "hosts: []\n" : "hosts:\n");
        for (Host h : hosts) {
            out.append("  - name: ").append(h.id()).append('\n');
            out.append("    cloud: ").append(h.cloud()).append('\n');
            if (h.underlayAddress() != null) {
                out.append("    address: ").append(scalar(h.underlayAddress())).append('\n');
                if (h.gateway()) {
                    out.append("    public: ").append(scalar(h.publicAddress())).append('\n');
                }
            }
        }
        guests(now.guests(), now.endpoints());
        wires(now.wires());
        return out.toString();
    }

    private void guests(List<Guest> guests, List<Endpoint> endpoints) {
        Map<GuestId, List<Endpoint>> nics = new HashMap<>();
        endpoints.forEach(e -> nics.computeIfAbsent(e.id().guest(), g -> new ArrayList<>()).add(e));
        out.append(guests.isEmpty() ? "guests: []\n" : "guests:\n");
        for (Guest g : guests) {
            out.append("  - name: ").append(g.id()).append('\n');
            out.append("    kind: ").append(g.kind().label()).append('\n');
            out.append("    host: ").append(g.host()).append('\n');
            image(g.image());
            if (!g.routes().isEmpty()) {
                out.append("    routes:\n");
                g.routes().forEach(r -> out.append("      - ").append(scalar(r.toString())).append('\n'));
            }
            List<Endpoint> own = nics.getOrDefault(g.id(), List.of());
            if (own.isEmpty()) {
                continue;
            }
            // creation order (slot) keeps a guest's NICs in the order the user listed them
            own.sort(Comparator.comparingInt(Endpoint::slot));
            out.append("    nics:\n");
            for (Endpoint e : own) {
                out.append("      - name: ").append(e.id().nic()).append('\n');
                out.append("        mac: ").append(scalar(e.mac().text())).append('\n');
                if (e.address() != null) {
                    out.append("        ip: ").append(e.address()).append('\n');
                }
                if (e.gateway() != null) {
                    out.append("        gateway: ").append(scalar(e.gateway())).append('\n');
                }
                if (e.requested() != null) { // the user's ceiling; left out, the MTU follows the paths
                    out.append("        mtu: ").append(e.requested()).append('\n');
                }
            }
        }
    }

    private void image(VmImage image) {
        if (image == null) {
            return;
        }
        String[][] files = {{"kernel", image.kernel()}, {"initrd", image.initrd()}, {"disk", image.disk()}};
        for (String[] f : files) {
            if (f[1] != null) {
                out.append("    ").append(f[0]).append(": ").append(scalar(f[1])).append('\n');
            }
        }
    }

    private void wires(List<Wire> wires) {
        out.append(wires.isEmpty() ? "wires: []\n" : "wires:\n");
        wires.stream()
                .sorted(Comparator.comparing(Wire::a).thenComparing(Wire::farEnd))
                .forEach(w -> out.append("  - [").append(w.a()).append(", ").append(w.farEnd()).append("]\n"));
    }

    /**
     * @param value any text
     * @return it plain when YAML reads it back as the same string, else double-quoted
     */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true))) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (char ch : value.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20 || ch == 0x7f) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
