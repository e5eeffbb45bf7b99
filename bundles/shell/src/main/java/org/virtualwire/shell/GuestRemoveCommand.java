package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.GuestId;

/** {@code vw:guest-remove NAME}. */
@Service
@Command(scope = "vw", name = "guest-remove", description = "Remove a guest and its endpoints (disconnect their wires first)")
public class GuestRemoveCommand extends ChangeAction {
    @Argument(index = 0, name = "name", description = "The guest", required = true)
    @Completion(GuestCompleter.class)
    String name;

    @Override
    protected void run() {
        admin.removeGuest(GuestId.of(name));
        done("Guest " + name + " removed");
    }
}
