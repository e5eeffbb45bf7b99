package org.virtualwire.host.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestKind;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;

/**
 * A guest's namespace and the guest side of its NICs. Each NIC is a veth pair that never leaves the guest:
 * the NIC the guest sees (its name, MAC, address; a switch bridges them, a router forwards) and its port.
 * The port is joined by tc redirects to one of the NIC's links, veths whose peers are the host-side devices
 * on the hosts the guest is on; moving the guest switches the port to another link, so the guest's NIC never
 * changes. Ports and links answer no ARP and have no IPv6 address: they never send a frame of their own.
 */
final class GuestSetup {
    private final LinuxNames names;
    private final Kernel kernel;

    GuestSetup(LinuxNames names, Kernel kernel) {
        this.kernel = kernel;
        this.names = names;
    }

    void ensureNamespace(Guest guest) throws KernelException {
        String ns = names.guest(guest.id());
        if (guest.kind() == GuestKind.VM || kernel.netnsExists(ns)) { // a VM has its own kernel, no namespace
            return;
        }
        kernel.run(List.of("ip", "netns", "add", ns), null);
        kernel.batch("ip", ns, List.of("link set lo up"));
        if (guest.kind() == GuestKind.ROUTER) {
            kernel.exec(ns, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        }
    }

    /**
     * Joins links that were just made (their host-side devices too) to their NICs' ports. A guest that runs
     * here gets its NICs and ports where they are missing, configured, and its ports send through the new
     * links; the links of a guest arriving by migration drop what they get until the transfer switches to them.
     *
     * @param guest the guest
     * @param incoming whether it is arriving
     * @param nics its NICs whose links are new
     * @throws KernelException if the kernel refused a change
     */
    void plug(Guest guest, boolean incoming, List<PlannedNic> nics) throws KernelException {
        String ns = names.guest(guest.id());
        Set<String> present = incoming ? Set.of()
                : kernel.links(ns).stream().map(Link::name).collect(Collectors.toSet());
        List<String> ip = new ArrayList<>();
        List<String> oldPorts = new ArrayList<>();
        List<String> tc = new ArrayList<>();
        if (!incoming && guest.kind() == GuestKind.SWITCH && !present.contains(LinuxNames.SWITCH_BRIDGE)) {
            ip.add("link add " + LinuxNames.SWITCH_BRIDGE + " type bridge");
            ip.add("link set " + LinuxNames.SWITCH_BRIDGE + " up");
        }
        for (PlannedNic n : nics) {
            ip.addAll(quiet(n.link()));
            tc.add(PortFilters.ingress(n.link()));
            if (incoming) {
                tc.add(PortFilters.drop(n.link()));
                continue;
            }
            Endpoint e = n.endpoint();
            String port = LinuxNames.port(e);
            if (present.contains(port)) {
                oldPorts.add(PortFilters.ingress(port)); // it has one, unless a crash came first
            } else {
                if (present.contains(e.id().nic())) {
                    ip.add("link del dev " + e.id().nic()); // not ours: our NICs come with their ports
                }
                ip.add("link add " + e.id().nic() + " address " + e.mac() + " mtu " + e.mtu() + " type veth peer name "
                        + port + " mtu " + e.mtu() + " arp off");
                ip.addAll(quiet(port));
                tc.add(PortFilters.ingress(port));
            }
            ip.addAll(configure(guest, e));
            tc.addAll(PortFilters.activate(port, n.link(), List.of()));
        }
        kernel.batch("ip", ns, ip);
        kernel.batchTolerant("tc", ns, oldPorts);
        kernel.batch("tc", ns, tc);
    }

    /** A port or link sends nothing of its own: no IPv6 link-local address (so no DAD, MLD, RS); ARP is off already. */
    private static List<String> quiet(String dev) {
        return List.of("link set dev " + dev + " addrgenmode none", "link set dev " + dev + " up");
    }

    /** Lines that change nothing when run again: a crash may have stopped the pass that made the NIC. */
    private static List<String> configure(Guest guest, Endpoint e) {
        List<String> lines = new ArrayList<>();
        if (e.address() != null) {
            lines.add("addr replace " + e.address() + " dev " + e.id().nic());
        }
        if (guest.kind() == GuestKind.SWITCH) {
            lines.add("link set " + e.id().nic() + " master " + LinuxNames.SWITCH_BRIDGE);
        }
        lines.add("link set " + e.id().nic() + " up");
        return lines;
    }
}
