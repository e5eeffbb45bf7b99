package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.HostId;

/** {@code vw:host-remove NAME}. */
@Service
@Command(scope = "vw", name = "host-remove", description = "Remove a host that has no guests")
public class HostRemoveCommand extends ChangeAction {
    @Argument(index = 0, name = "name", description = "The host", required = true)
    @Completion(HostCompleter.class)
    String name;

    @Override
    protected void run() {
        admin.removeHost(HostId.of(name));
        done("Host " + name + " removed");
    }
}
