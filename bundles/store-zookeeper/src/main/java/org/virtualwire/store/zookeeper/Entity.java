package org.virtualwire.store.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.virtualwire.spi.EntityJson;

/**
 * The content of one entity znode: {@code {"gen": g, "value": ..., "prev": ...}}. {@code value} null is a
 * tombstone (the entity was removed by generation g); {@code prev} is the entity as the last committed state had
 * it, which readers see until generation g is committed.
 *
 * @param gen the generation that wrote it
 * @param value the entity as of that generation, or null when removed
 * @param prev the entity before it, or null when absent
 */
record Entity(long gen, JsonNode value, JsonNode prev) {
    /** @return the entity as a state committed at generation {@code committed} has it, or null */
    JsonNode visibleAt(long committed) {
        return gen <= committed ? value : prev;
    }

    byte[] bytes() {
        ObjectNode n = EntityJson.JSON.createObjectNode().put("gen", gen);
        n.set("value", value);
        n.set("prev", prev);
        return bytes(n);
    }

    static Entity parse(byte[] data) {
        try {
            JsonNode n = EntityJson.JSON.readTree(data);
            return new Entity(n.path("gen").asLong(), nullable(n.get("value")), nullable(n.get("prev")));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable entity znode", e);
        }
    }

    private static JsonNode nullable(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }

    static byte[] bytes(JsonNode n) {
        try {
            return EntityJson.JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
