package org.virtualwire.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;

/** {@code vw:topology-export [FILE]}: the current topology in the format topology-apply reads. */
@Service
@Command(scope = "vw", name = "topology-export", description = "Print the current topology as YAML, or write it to a file")
public class TopologyExportCommand extends VwAction {
    @Reference
    TopologyService topology;

    @Argument(index = 0, name = "file", description = "Write to this file instead of printing")
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected void run() {
        String yaml = topology.export();
        if (file == null) {
            out().print(yaml.endsWith("\n") ? yaml : yaml + "\n");
            out().flush();
            return;
        }
        Path path = Path.of(file).toAbsolutePath();
        try {
            Files.writeString(path, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtualWireException("file", "cannot write topology file " + path + ": " + e);
        }
        out().println("Topology written to " + path);
    }
}
