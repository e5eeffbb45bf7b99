package org.virtualwire.host.linux;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.Endpoint;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;

/**
 * Gives NICs that already exist the MTU the desired state now says (it changes when a wire or a move changes
 * the MTU of their segment). Every veth a frame crosses drops, without a word, a frame larger than the MTU of
 * the end that receives it, so all of them follow: the guest's NIC and its port (where the guest runs), the
 * link of this host and the host-side device. The host-side device is changed last, in its own step: a pass
 * cut short before it finds the device still wrong and does it all again. A VM's TAP follows too, although
 * the core never changes a running VM's MTU. The VXLAN device is left alone: it drops nothing for its MTU.
 */
final class NicMtu {
    private NicMtu() {
    }

    /**
     * @param kernel the host's kernel
     * @param hostNs the host's namespace
     * @param names the driver's names
     * @param wanted NICs planned on the host
     * @param present the host's devices by name (read in this pass)
     * @throws KernelException if the kernel refused a change
     */
    static void follow(Kernel kernel, String hostNs, LinuxNames names, Collection<PlannedNic> wanted,
            Map<String, Link> present) throws KernelException {
        List<String> host = new ArrayList<>();
        Map<String, List<PlannedNic>> byGuestNs = new LinkedHashMap<>();
        for (PlannedNic n : wanted) {
            Link device = present.get(n.device());
            if (device == null || device.mtu() == n.endpoint().mtu()) {
                continue;
            }
            host.add("link set dev " + n.device() + " mtu " + n.endpoint().mtu());
            if (!n.vm()) {
                byGuestNs.computeIfAbsent(names.guest(n.guest().id()), k -> new ArrayList<>()).add(n);
            }
        }
        for (Map.Entry<String, List<PlannedNic>> g : byGuestNs.entrySet()) {
            Map<String, Integer> inGuest = new LinkedHashMap<>();
            kernel.links(g.getKey()).forEach(l -> inGuest.put(l.name(), l.mtu()));
            List<String> lines = new ArrayList<>();
            for (PlannedNic n : g.getValue()) {
                Endpoint e = n.endpoint();
                List<String> devices = n.incoming() ? List.of(n.link())
                        : List.of(e.id().nic(), LinuxNames.port(e), n.link()); // the port runs where the guest runs
                for (String dev : devices) {
                    Integer mtu = inGuest.get(dev);
                    if (mtu != null && mtu != e.mtu()) {
                        lines.add("link set dev " + dev + " mtu " + e.mtu());
                    }
                }
            }
            kernel.batch("ip", g.getKey(), lines);
        }
        kernel.batch("ip", hostNs, host);
    }
}
