package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;

/** {@code vw:guest-add NAME --kind container|switch|router --host H}. */
@Service
@Command(scope = "vw", name = "guest-add", description = "Add a guest on a host")
public class GuestAddCommand extends ChangeAction {
    @Argument(index = 0, name = "name", description = "The new guest's name", required = true)
    String name;

    @Option(name = "--kind", aliases = "-k", description = "container, switch or router", required = true)
    @Completion(value = StringsCompleter.class, values = {"container", "switch", "router"})
    String kind;

    @Option(name = "--host", description = "The host it runs on", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Override
    protected void run() {
        Guest guest = admin.addGuest(GuestId.of(name), GuestKind.parse(kind), HostId.of(host));
        done("Guest " + guest.id() + " added (" + guest.kind().label() + " on host " + guest.host() + ")");
    }
}
