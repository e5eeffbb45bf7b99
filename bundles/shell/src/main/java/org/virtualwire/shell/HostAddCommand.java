package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;

/** {@code vw:host-add [--cloud C] [--address IP] [--public IP] NAME}. */
@Service
@Command(scope = "vw", name = "host-add", description = "Add a host, provisioned by its cloud's driver")
public class HostAddCommand extends ChangeAction {
    @Argument(index = 0, name = "name", description = "The new host's name", required = true)
    String name;

    @Option(name = "--cloud", aliases = "-c", description = "Its cloud (default local)")
    @Completion(CloudCompleter.class)
    String cloud = "local";

    @Option(name = "--address", aliases = "-a", description = "Its underlay IPv4 address (default: the driver chooses)")
    String address;

    @Option(name = "--public", aliases = "-p", description = "Makes the host its cloud's gateway, with this address on "
            + "the network between clouds (local cloud: in 198.19.0.0/16); a gateway runs no guests")
    String publicAddress;

    @Override
    protected void run() {
        Host host = admin.addHost(HostId.of(name), CloudId.of(cloud), address, publicAddress);
        done((host.gateway() ? "Gateway " : "Host ") + host.id() + " added (cloud " + host.cloud() + ", underlay "
                + host.underlayAddress() + (host.gateway() ? ", public " + host.publicAddress() : "") + ")");
    }
}
