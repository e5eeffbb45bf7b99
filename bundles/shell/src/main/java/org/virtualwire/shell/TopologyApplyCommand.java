package org.virtualwire.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    @Argument(index = 0, name = "file", description = "A YAML topology file (relative to Karaf's working directory)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        Path path = Path.of(file).toAbsolutePath();
        String yaml;
        try {
            yaml = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new VirtualWireException("file", "cannot read topology file " + path + ": no such file");
        } catch (IOException e) {
            throw new VirtualWireException("file", "cannot read topology file " + path + ": " + e);
        }
        TopologyService.Result result = topology.apply(yaml, file);
        result.created().forEach(c -> out().println("Created " + c));
        result.removed().forEach(r -> out().println("Removed " + r));
        if (result.created().isEmpty() && result.removed().isEmpty()) {
            out().println("Nothing to change: the topology already matches " + file);
        }
        awaitApplied();
    }
}
