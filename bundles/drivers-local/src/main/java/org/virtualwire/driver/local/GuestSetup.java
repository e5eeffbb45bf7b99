package org.virtualwire.driver.local;

import java.util.ArrayList;
import java.util.List;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestKind;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/** A guest's namespace and the guest side of its NICs: a switch bridges them, a router forwards. */
final class GuestSetup {
    private final LocalNames names;

    GuestSetup(LocalNames names) {
        this.names = names;
    }

    void ensureNamespace(Guest guest) throws KernelException {
        String ns = names.guest(guest.id());
        if (Kernel.netnsExists(ns)) {
            return;
        }
        Kernel.run(List.of("ip", "netns", "add", ns), null);
        Kernel.batch("ip", ns, List.of("link set lo up"));
        if (guest.kind() == GuestKind.ROUTER) {
            Kernel.exec(ns, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        }
    }

    /** Configures NICs that were just plugged into the guest. */
    void configure(Guest guest, List<Endpoint> nics) throws KernelException {
        String ns = names.guest(guest.id());
        List<String> lines = new ArrayList<>();
        if (guest.kind() == GuestKind.SWITCH && Kernel.links(ns).stream()
                .noneMatch(l -> l.name().equals(LocalNames.SWITCH_BRIDGE))) {
            lines.add("link add " + LocalNames.SWITCH_BRIDGE + " type bridge");
            lines.add("link set " + LocalNames.SWITCH_BRIDGE + " up");
        }
        for (Endpoint e : nics) {
            if (e.address() != null) {
                lines.add("addr replace " + e.address() + " dev " + e.id().nic());
            }
            if (guest.kind() == GuestKind.SWITCH) {
                lines.add("link set " + e.id().nic() + " master " + LocalNames.SWITCH_BRIDGE);
            }
            lines.add("link set " + e.id().nic() + " up");
        }
        Kernel.batch("ip", ns, lines);
    }
}
