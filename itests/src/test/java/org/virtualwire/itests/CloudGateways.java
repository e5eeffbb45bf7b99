package org.virtualwire.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateways' counters as an operator reads them: {@code vw:gateway-list --json} on the console, and the
 * {@code org.virtualwire:type=gateways} MBean over Jolokia. Rows have the same fields in both: gateway, cloud,
 * revision, receive (AF_XDP or sockets), wire (empty or missing for a gateway's totals), packets and bytes,
 * drops by reason.
 */
final class CloudGateways {
    static final String MBEAN = "org.virtualwire:type=gateways,name=default";

    private CloudGateways() {
    }

    /**
     * @param console runs a console command
     * @param perWire whether to add one row per wire
     * @return the rows of {@code vw:gateway-list --json}
     */
    static JsonNode list(UnaryOperator<String> console, boolean perWire) {
        String out = console.apply("vw:gateway-list --json" + (perWire ? " --wires" : ""));
        int start = out.indexOf('[');
        if (start < 0) {
            throw new AssertionError("vw:gateway-list --json printed no list: " + out);
        }
        try {
            return new ObjectMapper().readTree(out.substring(start));
        } catch (IOException e) {
            throw new UncheckedIOException(out, e);
        }
    }

    /**
     * @param rows rows of either source
     * @param gateway a gateway's name
     * @param wire a wire's id, or empty for the gateway's totals
     * @return the row, failing if there is none
     */
    static JsonNode row(JsonNode rows, String gateway, String wire) {
        for (JsonNode r : rows) {
            if (r.path("gateway").asText().equals(gateway) && r.path("wire").asText("").equals(wire)) {
                return r;
            }
        }
        throw new AssertionError("no row for gateway " + gateway + (wire.isEmpty() ? "" : " wire " + wire) + " in " + rows);
    }

    /**
     * @param rows rows of either source
     * @param gateway a gateway's name
     * @param reason a drop reason, e.g. {@code auth-failed}
     * @return the gateway's drops for that reason
     */
    static long drops(JsonNode rows, String gateway, String reason) {
        JsonNode d = row(rows, gateway, "").path("drops").path(reason);
        if (!d.isNumber()) {
            throw new AssertionError("no drop reason " + reason + " for " + gateway + " in " + rows);
        }
        return d.asLong();
    }

    /** @return the wires that have rows of their own for the gateway */
    static List<String> wires(JsonNode rows, String gateway) {
        List<String> found = new ArrayList<>();
        rows.forEach(r -> {
            if (r.path("gateway").asText().equals(gateway) && !r.path("wire").asText("").isEmpty()) {
                found.add(r.path("wire").asText());
            }
        });
        return found;
    }

    /** @return the names of the gateways listed, sorted */
    static List<String> names(JsonNode rows) {
        TreeSet<String> names = new TreeSet<>();
        rows.forEach(r -> names.add(r.path("gateway").asText()));
        return List.copyOf(names);
    }
}
