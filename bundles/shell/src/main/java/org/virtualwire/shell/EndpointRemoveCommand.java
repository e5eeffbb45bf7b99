package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.EndpointId;

/** {@code vw:endpoint-remove GUEST/NIC}. */
@Service
@Command(scope = "vw", name = "endpoint-remove", description = "Remove a NIC that has no wire")
public class EndpointRemoveCommand extends ChangeAction {
    @Argument(index = 0, name = "endpoint", description = "guest/nic", required = true)
    @Completion(EndpointCompleter.class)
    String endpoint;

    @Override
    protected void run() {
        EndpointId id = EndpointId.parse(endpoint);
        admin.removeEndpoint(id);
        done("Endpoint " + id + " removed");
    }
}
