package org.virtualwire.shell;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.cluster.StoreTransferService;

/** {@code vw:store-export FILE}: the whole desired state of one store, at one revision, as JSON. */
@Service
@Command(scope = "vw", name = "store-export", description = "Write the desired state of a store (file or zookeeper) to a JSON file, for vw:store-import")
public class StoreExportCommand extends VwAction {
    /** Optional: Karaf holds back every command of this bundle until each mandatory reference is there. */
    @Reference(optional = true)
    StoreTransferService transfer;

    @Option(name = "--store", description = "The store to read: file or zookeeper (default: the one in use)")
    String store;

    @Argument(index = 0, name = "file", description = "The JSON file to write (replaced)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        Path path = Path.of(file).toAbsolutePath();
        StoreTransferService t = require(transfer);
        String from = store != null ? store : t.stores().isEmpty() ? "none" : t.stores().get(0);
        long revision = t.exportTo(store, path);
        out().println("Desired state of the " + from + " store at revision " + revision + " written to " + path);
    }

    static StoreTransferService require(StoreTransferService transfer) {
        if (transfer == null) {
            throw new VirtualWireException(null, "the store transfer service is not running: is virtualwire-core started? (scr:list)");
        }
        return transfer;
    }
}
