package org.virtualwire.driver.local;

import java.util.List;

import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * The network between the local clouds: a bridge in a namespace of its own, 198.19.0.0/16, to which only
 * gateways are plugged (interface {@code wan0}, their public address). Hosts are plugged into their own
 * cloud's underlay only, and a gateway does not route between its two networks, so a host of one cloud
 * cannot reach any host of another: only the gateways' relays carry frames across.
 */
final class InterCloud {
    static final Ipv4Prefix RANGE = new Ipv4Prefix("198.19.0.0", 16);
    /** The MTU between clouds, like the internet's. */
    static final int MTU = 1500;

    private final LocalNames names;
    private final Kernel kernel;

    InterCloud(LocalNames names, Kernel kernel) {
        this.kernel = kernel;
        this.names = names;
    }

    /** Refuses an address outside 198.19.0.0/16 or a network or broadcast address. */
    static void check(String address) {
        int a = Ipv4Prefix.toInt(address);
        int mask = -1 << (32 - RANGE.length());
        int host = a & ~mask;
        if ((a & mask) != Ipv4Prefix.toInt(RANGE.address()) || host == 0 || host == ~mask) {
            throw new VirtualWireException("address", "public address " + address + " must be a host address of "
                    + RANGE + ", the local network between clouds");
        }
    }

    /** Plugs a gateway host's namespace into the network between clouds, with its public address. */
    void plug(String ns, String publicAddress) throws KernelException {
        ensureBridge();
        boolean linked = kernel.links(ns).stream().anyMatch(l -> l.name().equals(LocalNames.WAN));
        String inter = names.interCloud();
        if (!linked) {
            String port = String.format("w%08x", Ipv4Prefix.toInt(publicAddress));
            kernel.batchTolerant("ip", inter, List.of("link del " + port));
            kernel.batch("ip", inter, List.of(
                    "link add " + port + " mtu " + MTU + " type veth peer name " + LocalNames.WAN + " mtu " + MTU
                            + " netns " + ns,
                    "link set " + port + " master " + LocalNames.UNDERLAY_BRIDGE + " up"));
        }
        kernel.batch("ip", ns, List.of(
                "addr replace " + publicAddress + "/" + RANGE.length() + " dev " + LocalNames.WAN,
                "link set " + LocalNames.WAN + " up"));
    }

    private synchronized void ensureBridge() throws KernelException {
        String inter = names.interCloud();
        if (kernel.netnsExists(inter)
                && kernel.links(inter).stream().anyMatch(l -> l.name().equals(LocalNames.UNDERLAY_BRIDGE))) {
            return;
        }
        if (!kernel.netnsExists(inter)) {
            kernel.run(List.of("ip", "netns", "add", inter), null);
        }
        kernel.batch("ip", inter, List.of("link set lo up",
                "link add " + LocalNames.UNDERLAY_BRIDGE + " mtu " + MTU + " type bridge",
                "link set " + LocalNames.UNDERLAY_BRIDGE + " up"));
    }
}
