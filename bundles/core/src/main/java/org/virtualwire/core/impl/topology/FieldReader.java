package org.virtualwire.core.impl.topology;

import java.util.Map;
import java.util.function.Function;

import org.virtualwire.api.VirtualWireException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one mapping in a topology document, already checked against the keys its item allows.
 * Reads scalars by raw text (never through YAML 1.1 type guessing, which would turn a MAC such as
 * {@code 12:34:56:00:00:01} into a base-60 number) and puts the item's place on every refusal.
 */
final class FieldReader {
    private final DocumentLocation at;
    private final Map<String, Node> values;

    FieldReader(DocumentLocation at, Map<String, Node> values) {
        this.at = at;
        this.values = values;
    }

    /** @return where the mapping starts */
    DocumentLocation at() {
        return at;
    }

    /**
     * @param key a key
     * @return where its value is, or the mapping's line if the key is absent
     */
    DocumentLocation at(String key) {
        Node n = values.get(key);
        return n == null ? at.child(key) : new DocumentLocation(at.source(), n.getStartMark().getLine() + 1, at.child(key).path());
    }

    /**
     * @param key a key
     * @return its value node, or null when absent
     */
    Node node(String key) {
        return values.get(key);
    }

    /**
     * @param key a key
     * @return its scalar text, or null when absent or written as null
     */
    String optional(String key) {
        Node n = values.get(key);
        if (isNull(n)) {
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            throw at(key).fail("must be a single value, not a list or a mapping");
        }
        return s.getValue();
    }

    /**
     * @param key a key the item must have
     * @return its scalar text
     */
    String required(String key) {
        String v = optional(key);
        if (v == null || v.isBlank()) {
            throw at(key).fail("required field '" + key + "' is missing");
        }
        return v;
    }

    /**
     * @param key a key
     * @param parse turns its text into a value; its refusals get this field's place
     * @return the value, or null when absent
     */
    <T> T optional(String key, Function<String, T> parse) {
        String v = optional(key);
        return v == null ? null : convert(key, v, parse);
    }

    /**
     * @param key a key the item must have
     * @param parse turns its text into a value
     * @return the value
     */
    <T> T required(String key, Function<String, T> parse) {
        return convert(key, required(key), parse);
    }

    private <T> T convert(String key, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (VirtualWireException e) {
            throw at(key).fail(e.getMessage());
        }
    }

    /**
     * @param n a node or null
     * @return whether it is absent, empty or written as null ({@code ~}, {@code null})
     */
    static boolean isNull(Node n) {
        return n == null || n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }
}
