package org.virtualwire.shell;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtualwire.api.cluster.StoreTransferService;

/** {@code vw:store-import FILE}: replaces a store's desired state with one vw:store-export wrote. */
@Service
@Command(scope = "vw", name = "store-import", description = "Replace the desired state of a store (file or zookeeper) with a JSON file vw:store-export wrote")
public class StoreImportCommand extends VwAction {
    /** Optional: Karaf holds back every command of this bundle until each mandatory reference is there. */
    @Reference(optional = true)
    StoreTransferService transfer;

    @Option(name = "--store", description = "The store to write: file or zookeeper (default: the one in use)")
    String store;

    @Option(name = "--force", description = "Replace a store that already holds hosts, guests, endpoints or wires")
    boolean force;

    @Argument(index = 0, name = "file", description = "A JSON file vw:store-export wrote", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        Path path = Path.of(file).toAbsolutePath();
        StoreTransferService t = StoreExportCommand.require(transfer);
        String to = store != null ? store : t.stores().isEmpty() ? "none" : t.stores().get(0);
        long revision = t.importFrom(store, path, force);
        out().println("Imported " + path + " into the " + to + " store as revision " + revision);
    }
}
