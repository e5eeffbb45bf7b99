package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.CloudId;

/** {@code vw:cloud-remove NAME}. */
@Service
@Command(scope = "vw", name = "cloud-remove", description = "Remove a cloud that has no hosts")
public class CloudRemoveCommand extends ChangeAction {
    @Argument(index = 0, name = "name", description = "The cloud", required = true)
    @Completion(CloudCompleter.class)
    String name;

    @Override
    protected void run() {
        admin.removeCloud(CloudId.of(name));
        done("Cloud " + name + " removed");
    }
}
