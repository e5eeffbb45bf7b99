package org.virtualwire.api;

import java.util.List;

/**
 * Topology files: YAML documents of hosts, guests with NICs and addresses, and wires.
 */
public interface TopologyService {
    /**
     * Creates what the document lists and is missing, removes what it no longer lists; applying the same
     * document twice changes nothing the second time. A malformed document changes nothing.
     *
     * @param yaml the document
     * @param source its name for messages (a file name)
     * @return what was created and removed
     * @throws VirtualWireException whose message gives the line and field at fault
     */
    Result apply(String yaml, String source);

    /** @return the current topology in the format {@link #apply} reads */
    String export();

    /**
     * What applying a document did.
     *
     * @param created what was created, e.g. {@code guest web1}
     * @param removed what was removed
     */
    record Result(List<String> created, List<String> removed) {
        /** Copies the lists. */
        public Result {
            created = List.copyOf(created);
            removed = List.copyOf(removed);
        }
    }
}
