package org.virtualwire.core.impl.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.virtualwire.spi.EntityJson;
import org.virtualwire.spi.Topology;

/** The stored form of the desired state as one document: each entity as {@link EntityJson} writes it. */
final class TopologyJson {
    private TopologyJson() {
    }

    static byte[] write(Topology t) throws IOException {
        ObjectNode root = EntityJson.JSON.createObjectNode();
        root.put("format", 1);
        root.put("revision", t.revision());
        ArrayNode clouds = root.putArray("clouds");
        t.clouds().values().forEach(c -> clouds.add(EntityJson.cloud(c)));
        ArrayNode hosts = root.putArray("hosts");
        t.hosts().values().forEach(h -> hosts.add(EntityJson.host(h)));
        ArrayNode guests = root.putArray("guests");
        t.guests().values().forEach(g -> guests.add(EntityJson.guest(g)));
        ArrayNode endpoints = root.putArray("endpoints");
        t.endpoints().values().forEach(e -> endpoints.add(EntityJson.endpoint(e)));
        ArrayNode wires = root.putArray("wires");
        t.wires().values().forEach(w -> wires.add(EntityJson.wire(w)));
        ArrayNode moves = root.putArray("moves");
        t.moves().values().forEach(m -> moves.add(EntityJson.move(m)));
        return EntityJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static Topology read(byte[] bytes) throws IOException {
        JsonNode root = EntityJson.JSON.readTree(bytes);
        return new Topology(root.path("revision").asLong(),
                byId(root.path("clouds"), EntityJson::cloud, c -> c.id()),
                byId(root.path("hosts"), EntityJson::host, h -> h.id()),
                byId(root.path("guests"), EntityJson::guest, g -> g.id()),
                byId(root.path("endpoints"), EntityJson::endpoint, e -> e.id()),
                byId(root.path("wires"), EntityJson::wire, w -> w.id()),
                byId(root.path("moves"), EntityJson::move, m -> m.guest()));
    }

    private static <K, V> Map<K, V> byId(JsonNode array, Function<JsonNode, V> read, Function<V, K> id) {
        Map<K, V> map = new HashMap<>();
        for (JsonNode n : array) {
            V v = read.apply(n);
            map.put(id.apply(v), v);
        }
        return map;
    }
}
