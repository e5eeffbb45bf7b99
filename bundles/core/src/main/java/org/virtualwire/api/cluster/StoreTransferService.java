package org.virtualwire.api.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * Moves the desired state of a running appliance between its stores (the embedded file store and ZooKeeper's),
 * as one JSON document of the whole topology at one revision, the format of {@code data/virtualwire/state.json}.
 */
public interface StoreTransferService {
    /** @return the kinds of store installed and active now ({@code file}, {@code zookeeper}), the one in use first */
    List<String> stores();

    /**
     * @param store the kind of store to read, or null for the one in use
     * @param file where to write the document (replaced)
     * @return the revision written
     * @throws org.virtualwire.api.VirtualWireException if that store is not active or the file cannot be written
     */
    long exportTo(String store, Path file);

    /**
     * Replaces the desired state of a store with the document, as one commit (its revision follows the store's).
     *
     * @param store the kind of store to write, or null for the one in use
     * @param file a document {@link #exportTo} wrote
     * @param force replace a store that already holds hosts, guests, endpoints or wires
     * @return the store's revision after the import
     * @throws org.virtualwire.api.VirtualWireException if the file is missing or unreadable, the store is not
     *         active, or it is not empty and {@code force} is false
     */
    long importFrom(String store, Path file, boolean force);
}
