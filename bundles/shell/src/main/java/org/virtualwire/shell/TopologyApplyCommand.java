package org.virtualwire.shell;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.virtualwire.api.Convergence;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;

/** {@code vw:topology-apply FILE}: makes the topology what the YAML file describes. */
@Service
@Command(scope = "vw", name = "topology-apply",
        description = "Create what a topology file lists and is missing, remove what it no longer lists")
public class TopologyApplyCommand extends VwAction {
    /** How long one look at the agents waits: how often the progress line may change. */
    static final Duration SLICE = Duration.ofMillis(500);

    @Reference
    TopologyService topology;

    /** How long to wait for the agents before warning; tests shorten it. */
    Duration timeout = APPLY_TIMEOUT;

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
        awaitConverged();
    }

    /**
     * Waits for the agents as every change command does, but shows how many hosts have converged each time that
     * changes ("hosts converged 3/5"), and stops waiting on Ctrl-C (Karaf interrupts this thread): the change is
     * stored either way and the agents go on. Silent when the hosts have converged at the first look.
     */
    void awaitConverged() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Convergence shown = null;
        while (!wireService.awaitApplied(SLICE)) {
            if (Thread.interrupted()) {
                out().println("Stopped waiting (Ctrl-C): the change is stored and the agents continue"
                        + " (see vw:host-list and vw:wire-list)");
                return;
            }
            Convergence now = wireService.convergence();
            if (!now.equals(shown)) {
                out().println("hosts converged " + now.converged() + "/" + now.hosts());
                shown = now;
            }
            if (System.nanoTime() - deadline >= 0) {
                out().println("Warning: not applied on every host within " + timeout.toSeconds()
                        + " s; the change is stored and the agents keep trying (see vw:host-list and vw:wire-list)");
                return;
            }
        }
        if (shown != null) {
            int hosts = wireService.convergence().hosts();
            out().println("hosts converged " + hosts + "/" + hosts);
        }
    }
}
