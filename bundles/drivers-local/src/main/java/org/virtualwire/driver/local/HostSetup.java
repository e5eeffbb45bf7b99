package org.virtualwire.driver.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;

/**
 * A host of the local cloud: a namespace whose uplink {@code ul0} is plugged into the cloud's underlay
 * bridge (itself in a namespace of its own). Only what is missing is made.
 */
final class HostSetup {
    private final LocalNames names;
    private final Kernel kernel;
    private final Map<HostId, Host> ready = new ConcurrentHashMap<>();

    private final InterCloud inter;

    HostSetup(LocalNames names, Kernel kernel) {
        this.kernel = kernel;
        this.names = names;
        this.inter = new InterCloud(names, kernel);
    }

    void ensure(Host host, Cloud cloud) throws KernelException {
        String ns = names.host(host.id());
        if (host.equals(ready.get(host.id())) && kernel.netnsExists(ns)) {
            return; // made (or checked) before and still there: a pass during a migration must be quick
        }
        ready.remove(host.id());
        String underlay = names.underlay(cloud.id());
        int mtu = LocalCloudDriver.mtuOf(cloud);
        ensureUnderlay(underlay, mtu);
        if (!kernel.netnsExists(ns)) {
            kernel.run(List.of("ip", "netns", "add", ns), null);
            // a host namespace carries the IPv4 underlay only; without IPv6 each of its thousands of devices
            // does not add an fe80::/64 route (inserting those grows with their number) nor send MLD and DAD
            kernel.exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        }
        // The only TCP of a host namespace is QEMU's live migration stream. With the default socket buffers (up
        // to 4 MiB sent, 32 MiB received) QEMU counts as sent what merely waits in them, so when it stops the
        // guest for the last copy the destination still has megabytes to load: the guest stayed paused about
        // 20 ms longer than QEMU's own downtime said. Buffers of 512 KiB keep the two within a few ms, at the
        // same migration time (bench/vm-migration.sh).
        kernel.exec(ns, "sysctl", "-qw", "net.ipv4.tcp_rmem=4096 131072 524288", "net.ipv4.tcp_wmem=4096 65536 524288");
        String port = LocalNames.underlayPort(host.underlayAddress());
        String alias = uplinkAlias(underlay, host.underlayAddress());
        List<Link> links = kernel.links(ns);
        Link uplink = links.stream().filter(l -> l.name().equals(LocalNames.UPLINK)).findFirst().orElse(null);
        if (uplink != null && !alias.equals(uplink.alias()) && !(uplink.alias().isEmpty() && plugged(underlay, port))) {
            // made for another cloud or address (the host was made again under its name): its peer is in that
            // cloud's underlay, so the host would stay on the old underlay and lose its link when that one goes
            kernel.run(List.of("ip", "-n", ns, "link", "del", LocalNames.UPLINK), null);
            uplink = null;
        }
        if (uplink == null) {
            // a namespace deleted a moment ago may still hold a port of this name in the underlay: the kernel
            // removes a deleted namespace's devices asynchronously
            kernel.batchTolerant("ip", underlay, List.of("link del " + port));
            kernel.batch("ip", underlay, List.of(
                    "link add " + port + " mtu " + mtu + " type veth peer name " + LocalNames.UPLINK + " address "
                            + LocalNames.uplinkMac(host.underlayAddress()) + " mtu " + mtu + " netns " + ns,
                    "link set " + port + " master " + LocalNames.UNDERLAY_BRIDGE + " up"));
        } else if (!plugged(underlay, port)) {
            // the underlay's bridge was made again (removed behind our back): its ports are on no bridge
            kernel.batch("ip", underlay, List.of("link set " + port + " master " + LocalNames.UNDERLAY_BRIDGE + " up"));
        }
        int length = LocalSubnet.parse(cloud.properties().get("subnet")).length();
        kernel.batch("ip", ns, List.of("link set lo up",
                "addr replace " + host.underlayAddress() + "/" + length + " dev " + LocalNames.UPLINK,
                "link set " + LocalNames.UPLINK + " up",
                "link set dev " + LocalNames.UPLINK + " alias \"" + alias + "\""));
        if (host.gateway()) {
            // the gateway's relay takes the VXLAN packets of its cloud's hosts in userspace, where nothing
            // completes a checksum the sending guest left to offload (all of them, on veths): without this every
            // TCP segment between clouds arrived with a bad checksum (ICMP, summed in software, got through).
            // The underlay's port toward the gateway sums in software what it hands over.
            kernel.exec(underlay, "ethtool", "-K", port, "tx", "off");
            inter.plug(ns, host.publicAddress());
        }
        ready.put(host.id(), host);
    }

    /**
     * What a host's uplink carries once it is plugged in: the underlay it leads to and the host's address there.
     * An uplink whose alias differs was made for another cloud (or address) and is made again.
     */
    static String uplinkAlias(String underlay, String address) {
        return "vw:uplink " + underlay + " " + address;
    }

    /** An uplink made before uplinks had aliases is kept if its underlay port is where it should be. */
    private boolean plugged(String underlay, String port) throws KernelException {
        return kernel.links(underlay).stream().anyMatch(l -> l.name().equals(port)
                && l.master().equals(LocalNames.UNDERLAY_BRIDGE));
    }

    /**
     * Checks cheaply that a host made before is still there as the kernel has it: its namespace, its uplink, up
     * and made for its cloud's underlay and address (by its alias), and the uplink's port on the underlay's bridge.
     *
     * @param host the host
     * @param cloud its cloud
     * @return the devices of the host's namespace
     * @throws KernelException naming what is missing
     */
    List<Link> verify(Host host, Cloud cloud) throws KernelException {
        try {
            return check(host, cloud);
        } catch (KernelException e) {
            ready.remove(host.id()); // the next ensure looks at everything again
            throw e;
        }
    }

    private List<Link> check(Host host, Cloud cloud) throws KernelException {
        String ns = names.host(host.id());
        String underlay = names.underlay(cloud.id());
        if (!kernel.netnsExists(ns)) {
            throw new KernelException("host " + host.id() + ": its namespace " + ns + " is missing");
        }
        if (!kernel.netnsExists(underlay)) {
            throw new KernelException("host " + host.id() + ": the underlay namespace " + underlay + " is missing");
        }
        List<Link> links = kernel.links(ns);
        Link uplink = links.stream().filter(l -> l.name().equals(LocalNames.UPLINK)).findFirst()
                .orElseThrow(() -> new KernelException("host " + host.id() + ": its link " + LocalNames.UPLINK
                        + " to the underlay is missing"));
        if (!uplink.up() || !uplinkAlias(underlay, host.underlayAddress()).equals(uplink.alias())) {
            throw new KernelException("host " + host.id() + ": its link " + LocalNames.UPLINK + " to the underlay is "
                    + (uplink.up() ? "not plugged into " + underlay : "down"));
        }
        if (!plugged(underlay, LocalNames.underlayPort(host.underlayAddress()))) {
            throw new KernelException("host " + host.id() + ": its port in " + underlay
                    + " is not on the underlay's bridge");
        }
        return links;
    }

    /** Agents of several hosts of one cloud run at once: one of them makes the shared underlay. */
    private synchronized void ensureUnderlay(String underlay, int mtu) throws KernelException {
        if (kernel.netnsExists(underlay)
                && kernel.links(underlay).stream().anyMatch(l -> l.name().equals(LocalNames.UNDERLAY_BRIDGE))) {
            return;
        }
        if (!kernel.netnsExists(underlay)) {
            kernel.run(List.of("ip", "netns", "add", underlay), null);
        }
        kernel.batch("ip", underlay, List.of("link set lo up",
                "link add " + LocalNames.UNDERLAY_BRIDGE + " mtu " + mtu + " type bridge",
                "link set " + LocalNames.UNDERLAY_BRIDGE + " up"));
    }

    void remove(Host host) throws KernelException {
        ready.remove(host.id());
        String ns = names.host(host.id());
        if (kernel.netnsExists(ns)) {
            kernel.deleteNetns(ns);
        }
    }
}
