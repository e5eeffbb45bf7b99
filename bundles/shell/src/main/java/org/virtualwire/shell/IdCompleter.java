package org.virtualwire.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtualwire.api.WireService;

/** Completes the ids of one kind of thing, as the service lists them at the moment of the TAB. */
public abstract class IdCompleter implements Completer {
    @Reference
    WireService wireService;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(ids()).complete(session, commandLine, candidates);
    }

    /** @return the ids to offer */
    abstract List<String> ids();
}
