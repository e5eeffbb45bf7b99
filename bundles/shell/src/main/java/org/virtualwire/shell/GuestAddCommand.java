package org.virtualwire.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Route;
import org.virtualwire.api.VmImage;

/** {@code vw:guest-add NAME --kind container|switch|router|vm --host H [--kernel F [--initrd F]] [--disk F]}. */
@Service
@Command(scope = "vw", name = "guest-add", description = "Add a guest on a host")
public class GuestAddCommand extends ChangeAction {
    @Argument(index = 0, name = "name", description = "The new guest's name", required = true)
    String name;

    @Option(name = "--kind", aliases = "-k", description = "container, switch, router or vm", required = true)
    @Completion(value = StringsCompleter.class, values = {"container", "switch", "router", "vm"})
    String kind;

    @Option(name = "--host", description = "The host it runs on", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--kernel", description = "A vm's own kernel (absolute path) instead of the project's image")
    @Completion(FileCompleter.class)
    String kernel;

    @Option(name = "--initrd", description = "A vm's own initrd (absolute path), with --kernel")
    @Completion(FileCompleter.class)
    String initrd;

    @Option(name = "--disk", description = "A vm's disk, raw or qcow2 (absolute path), its /dev/vda and root; with --kernel")
    @Completion(FileCompleter.class)
    String disk;

    @Option(name = "--route", aliases = "-r", multiValued = true,
            description = "A static route, PREFIX via ADDRESS (quoted), e.g. \"10.99.2.0/24 via 10.99.1.1\"; repeat for more")
    List<String> routes;

    @Override
    protected void run() {
        VmImage image = new VmImage(kernel, initrd, disk);
        List<Route> parsed = routes == null ? List.of() : routes.stream().map(Route::parse).toList();
        Guest guest = admin.addGuest(GuestId.of(name), GuestKind.parse(kind), HostId.of(host), image, parsed);
        done("Guest " + guest.id() + " added (" + guest.kind().label() + " on host " + guest.host()
                + (guest.image() == null ? "" : ", " + guest.image())
                + (guest.routes().isEmpty() ? "" : ", routes " + guest.routes()) + ")");
    }
}
