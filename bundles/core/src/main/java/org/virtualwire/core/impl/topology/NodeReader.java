package org.virtualwire.core.impl.topology;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.virtualwire.api.VirtualWireException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the structure of a YAML document as a node tree (SnakeYAML's compose API), so that every node keeps
 * its line: mappings with a fixed set of keys, lists of items, and refusals that point at the fault.
 */
final class NodeReader {
    /** A topology document is 5 levels deep (guests, a guest, nics, a NIC, a field); room for flow style. */
    static final int MAX_DEPTH = 20;
    /** Anchors and aliases are of little use in a topology; enough for a shared NIC list, too few for a bomb. */
    static final int MAX_ALIASES = 20;

    private final String source;
    private final TopologyLimits limits;
    private int items;

    NodeReader(String source, TopologyLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /**
     * @param yaml a document
     * @return its root node, or null for a document without any content
     * @throws VirtualWireException with the line for malformed YAML, over a limit, or when cancelled
     */
    Node compose(Reader yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        // the text was checked against the limit in bytes already; a code point is at least one byte
        options.setCodePointLimit((int) limits.maxBytes());
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(options).compose(Cancellation.reader(yaml, source));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new DocumentLocation(source, line, "").fail("malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new DocumentLocation(source, 0, "").fail("malformed YAML: " + e.getMessage());
        }
    }

    /**
     * @param node a node that must be a mapping
     * @param path its path
     * @param allowed the keys it may have
     * @return its keys and values
     */
    FieldReader mapping(Node node, String path, List<String> allowed) {
        DocumentLocation at = DocumentLocation.of(source, node, path);
        if (!(node instanceof MappingNode m)) {
            throw at.fail("must be a mapping with the keys " + String.join(", ", allowed));
        }
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node keyNode = t.getKeyNode();
            String key = keyNode instanceof ScalarNode s ? s.getValue() : "?";
            DocumentLocation keyAt = DocumentLocation.of(source, keyNode, at.child(key).path());
            if (!allowed.contains(key)) {
                throw keyAt.fail("unknown key '" + key + "': use " + String.join(", ", allowed));
            }
            if (values.put(key, t.getValueNode()) != null) {
                throw keyAt.fail("key '" + key + "' is given twice");
            }
        }
        return new FieldReader(at, values);
    }

    /**
     * @param node a list, or null (or YAML null) for an empty one
     * @param path its path, e.g. {@code guests}
     * @param read reads one item from its node and path, e.g. {@code guests[1]}
     * @return the items read
     */
    <T> List<T> items(Node node, String path, BiFunction<Node, String, T> read) {
        if (FieldReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw DocumentLocation.of(source, node, path).fail("must be a list (items starting with '- ')");
        }
        // counted before reading: aliases can make a short text a long list
        items += seq.getValue().size();
        if (items > limits.maxItems()) {
            throw DocumentLocation.of(source, node, path).fail("the document has more than " + limits.maxItems()
                    + " items (clouds, hosts, guests, NICs and wires): the limit is " + TopologyLimits.MAX_ITEMS
                    + " in " + TopologyLimits.WHERE);
        }
        List<T> out = new ArrayList<>(seq.getValue().size());
        for (Node item : seq.getValue()) {
            Cancellation.check(source, "reading the document");
            out.add(read.apply(item, path + "[" + out.size() + "]"));
        }
        return out;
    }

    /**
     * @param node a node that must be a single value
     * @param path its path
     * @param mayBeEmpty whether {@code ""} is a value (a setting may be empty, a name may not)
     * @return its text
     */
    String scalar(Node node, String path, boolean mayBeEmpty) {
        if (!(node instanceof ScalarNode s) || FieldReader.isNull(node) || !mayBeEmpty && s.getValue().isBlank()) {
            throw DocumentLocation.of(source, node, path).fail("must be a single value" + (mayBeEmpty ? " (write \"\" for none)" : ""));
        }
        return s.getValue();
    }

    /**
     * @param node a node
     * @param path its path
     * @return where it is
     */
    DocumentLocation at(Node node, String path) {
        return DocumentLocation.of(source, node, path);
    }
}
