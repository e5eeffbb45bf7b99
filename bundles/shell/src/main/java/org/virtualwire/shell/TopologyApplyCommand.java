package org.virtualwire.shell;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;

/** {@code vw:topology-apply FILE}: makes the topology what the YAML file describes. */
@Service
@Command(scope = "vw", name = "topology-apply",
        description = "Create what a topology file lists and is missing, remove what it no longer lists")
public class TopologyApplyCommand extends VwAction {
    @Reference
    TopologyService topology;

    @Argument(index = 0, name = "file", description = "A YAML topology file (relative to Karaf's working directory), at most topology.max.bytes (4 MiB)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        // the service reads the file: it knows the limits, refuses what is no regular file (/dev/zero, a FIFO)
        // and stops when Ctrl-C interrupts this thread
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new VirtualWireException("file", "invalid topology file name '" + file + "': " + e.getReason());
        }
        TopologyService.Result result = topology.applyFile(path);
        result.created().forEach(c -> out().println("Created " + c));
        result.removed().forEach(r -> out().println("Removed " + r));
        if (result.created().isEmpty() && result.removed().isEmpty()) {
            out().println("Nothing to change: the topology already matches " + file);
        }
        awaitApplied();
    }
}
