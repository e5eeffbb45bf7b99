package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;

/** {@code vw:endpoint-add GUEST/NIC [--mac M] [--ip A/L] [--mtu N] [--gateway G]}. */
@Service
@Command(scope = "vw", name = "endpoint-add", description = "Add a NIC to a guest")
public class EndpointAddCommand extends ChangeAction {
    @Argument(index = 0, name = "endpoint", description = "guest/nic, e.g. web1/eth0", required = true)
    String endpoint;

    @Option(name = "--mac", aliases = "-m", description = "Its MAC address (default: generated)")
    String mac;

    @Option(name = "--ip", aliases = "-i", description = "Its IPv4 address/prefix, e.g. 10.99.0.1/24")
    String ip;

    @Option(name = "--mtu", description = "Its MTU (default: underlay MTU less the tunnel overhead)")
    Integer mtu;

    @Option(name = "--gateway", aliases = "-g", description = "Its guest's default route through this NIC: a next hop in its subnet")
    String gateway;

    @Override
    protected void run() {
        Endpoint e = admin.addEndpoint(EndpointId.parse(endpoint), mac, ip, mtu, gateway);
        done("Endpoint " + e.id() + " added (mac " + e.mac() + (e.address() == null ? "" : ", ip " + e.address())
                + ", mtu " + e.mtu() + (e.gateway() == null ? "" : ", gateway " + e.gateway()) + ")");
    }
}
