package org.virtualwire.driver.local;

import java.util.List;

import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * A NIC as its guest sees it: the same device (ifindex), MAC and carrier history before and after a move
 * mean the guest noticed nothing.
 *
 * @param ifindex its index in the guest's namespace
 * @param mac its MAC
 * @param carrierChanges how often its carrier went up or down since it was made
 */
record GuestNic(int ifindex, String mac, long carrierChanges) {
    private static final Kernel KERNEL = new LinuxKernel();

    static GuestNic read(String netns, String nic) throws KernelException {
        String sys = "/sys/class/net/" + nic + "/";
        String[] v = KERNEL.exec(netns, "cat", sys + "ifindex", sys + "address", sys + "carrier_changes").split("\n");
        return new GuestNic(Integer.parseInt(v[0].strip()), v[1].strip(), Long.parseLong(v[2].strip()));
    }

    /** @return the names of a namespace's devices that start with a prefix */
    static List<String> devices(String netns, String prefix) throws KernelException {
        return KERNEL.links(netns).stream().map(Link::name).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
}
