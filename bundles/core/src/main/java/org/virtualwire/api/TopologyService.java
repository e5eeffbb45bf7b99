package org.virtualwire.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Topology files: YAML documents of hosts, guests with NICs and addresses, and wires.
 * <p>
 * A document is bounded in size ({@code topology.max.bytes}, default 4 MiB) and in items
 * ({@code topology.max.items}: clouds, hosts, guests, NICs and wires, default 100,000), both set in
 * {@code etc/org.virtualwire.core.cfg}. Reading and parsing hold up no other apply; an apply whose thread is
 * interrupted (Ctrl-C in the console) stops with a refusal and changes nothing, unless its one batch has
 * already been committed.
 */
public interface TopologyService {
    /**
     * Creates what the document lists and is missing, removes what it no longer lists; applying the same
     * document twice changes nothing the second time. A malformed document changes nothing.
     *
     * @param yaml the document
     * @param source its name for messages (a file name)
     * @return what was created and removed
     * @throws VirtualWireException whose message gives the line and field at fault, the limit a document over
     *     one exceeds, or that the apply was cancelled
     */
    Result apply(String yaml, String source);

    /**
     * Like {@link #apply(String, String)}, for a document in a file. Only a regular file is read (not a device
     * such as {@code /dev/zero}, a FIFO or a directory), and never more than the size limit plus one byte.
     *
     * @param file the file (relative to the appliance's working directory); its name is the source in messages
     * @return what was created and removed
     * @throws VirtualWireException (field {@code file}) naming the file when it cannot be read, is no regular
     *     file, is over the size limit or is no UTF-8 text; otherwise as {@link #apply(String, String)}
     */
    Result applyFile(Path file);

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
