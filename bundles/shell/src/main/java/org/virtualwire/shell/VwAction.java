package org.virtualwire.shell;

import java.io.PrintStream;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireService;

/**
 * What every {@code vw:} command shares: the query service, where output goes, and how a refused request is
 * shown. A refusal is the user's mistake, not a bug, so it prints one plain line instead of a stack trace.
 */
public abstract class VwAction implements Action {
    /** How long a change command waits for the agents before it warns. */
    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Reference
    WireService wireService;

    /** Set by tests; null means System.out, which Karaf routes to the calling session. */
    PrintStream out;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (VirtualWireException e) {
            // stdout, not stderr: scripts and `bin/client -b` callers read one stream
            out().println("Error: " + e.getMessage());
        }
        // Return nothing: in batch mode Karaf does not print return values, so commands print what they show
        return null;
    }

    /**
     * Does the command's work.
     *
     * @throws Exception anything but a refusal, which Karaf reports as it reports any failure
     */
    protected abstract void run() throws Exception;

    PrintStream out() {
        return out != null ? out : System.out;
    }

    void printJson(Object value) throws Exception {
        out().println(JSON.writeValueAsString(value));
    }

    /** Waits for the agents after a change, so that a command that returns has taken effect. */
    void awaitApplied() {
        if (!wireService.awaitApplied(APPLY_TIMEOUT)) {
            out().println("Warning: not applied on every host within " + APPLY_TIMEOUT.toSeconds()
                    + " s; the change is stored and the agents keep trying (see vw:host-list and vw:wire-list)");
        }
    }
}
