package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.WireId;

/** {@code vw:wire-disconnect ID}. */
@Service
@Command(scope = "vw", name = "wire-disconnect", description = "Remove a wire; its id is handed out again only after the other free ones")
public class WireDisconnectCommand extends ChangeAction {
    @Argument(index = 0, name = "id", description = "The wire id", required = true)
    @Completion(WireCompleter.class)
    String id;

    @Override
    protected void run() {
        WireId wire = WireId.parse(id);
        admin.disconnect(wire);
        done("Wire " + wire + " disconnected");
    }
}
