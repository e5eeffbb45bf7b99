package org.virtualwire.core.impl.topology;

import org.virtualwire.api.VirtualWireException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A place in a topology document: the source's name, a 1-based line (0 when unknown) and the path of the
 * item or field, e.g. {@code guests[1].nics[0].mac}. Every refusal names one, so the user can go there.
 *
 * @param source the document's name
 * @param line 1-based line, or 0 when the fault has no line (an item the document no longer lists)
 * @param path where in the document, or empty
 */
record DocumentLocation(String source, int line, String path) {

    /**
     * @param source the document's name
     * @param node a node of the document
     * @param path its path
     * @return where the node starts
     */
    static DocumentLocation of(String source, Node node, String path) {
        return new DocumentLocation(source, node == null ? 0 : node.getStartMark().getLine() + 1, path);
    }

    /**
     * @param key a field of the item here
     * @return the field, on the item's line (for fields the document leaves out)
     */
    DocumentLocation child(String key) {
        return new DocumentLocation(source, line, path.isEmpty() ? key : path + "." + key);
    }

    /** @return for example {@code two-hosts.yaml line 12, guests[1].nics[0].mac} */
    String describe() {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(" line ").append(line);
        }
        if (!path.isEmpty()) {
            b.append(", ").append(path);
        }
        return b.toString();
    }

    /**
     * @param message what is wrong
     * @return a refusal whose message starts with this place and whose field is this path
     */
    VirtualWireException fail(String message) {
        return new VirtualWireException(path.isEmpty() ? null : path, describe() + ": " + message);
    }
}
