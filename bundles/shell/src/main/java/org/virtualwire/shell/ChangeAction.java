package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.virtualwire.api.WireAdminService;

/** A command that changes the desired state: it reports what it did, then waits until the agents applied it. */
public abstract class ChangeAction extends VwAction {
    @Reference
    WireAdminService admin;

    /**
     * @param message what was done, printed before waiting so the user sees it at once
     */
    void done(String message) {
        out().println(message);
        awaitApplied();
    }
}
