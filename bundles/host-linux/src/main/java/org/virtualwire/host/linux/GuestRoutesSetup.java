package org.virtualwire.host.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Route;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * A container's or router's routes in its namespace: a NIC's gateway as the default route through that NIC, each
 * of the guest's routes (prefix via next hop). Ours carry the routing protocol number {@value #PROTO}, so that
 * a route the plan no longer lists is removed and the kernel's own (the NICs' subnets) and anyone else's are left
 * alone. Made where the guest runs, after its NICs; a container that moves keeps its namespace, so its routes
 * stay as they are (the destination finds them right and changes nothing). A router forwards between its NICs
 * ({@code net.ipv4.ip_forward=1} in its namespace, {@link GuestSetup}).
 */
final class GuestRoutesSetup {
    /** The routing protocol number our routes carry ({@code ip route ... proto 122}). */
    static final int PROTO = 122;

    private final LinuxNames names;
    private final Kernel kernel;

    GuestRoutesSetup(LinuxNames names, Kernel kernel) {
        this.names = names;
        this.kernel = kernel;
    }

    /** @return whether a guest's routes are this class's to make here: a container or router that runs here with routes */
    static boolean routed(GuestPlan g) {
        GuestKind k = g.guest().kind();
        return !g.incoming() && (k == GuestKind.CONTAINER || k == GuestKind.ROUTER)
                && (!g.guest().routes().isEmpty() || g.endpoints().stream().anyMatch(e -> e.gateway() != null));
    }

    /**
     * @param g a guest that runs here ({@link #routed})
     * @throws KernelException if the kernel refused a route
     */
    void reconcile(GuestPlan g) throws KernelException {
        String ns = names.guest(g.guest().id());
        Map<String, String> wanted = new LinkedHashMap<>(); // "dest via hop" -> the line that makes it
        for (Endpoint e : g.endpoints()) {
            if (e.gateway() != null) {
                wanted.put("default via " + e.gateway(), "route replace default via " + e.gateway() + " dev "
                        + e.id().nic() + " proto " + PROTO);
            }
        }
        for (Route r : g.guest().routes()) {
            wanted.put(r.prefix() + " via " + r.via(), "route replace " + r.prefix() + " via " + r.via() + " proto " + PROTO);
        }
        List<String> present = present(kernel.run(List.of("ip", "-n", ns, "-4", "route", "show", "proto",
                String.valueOf(PROTO)), null));
        List<String> lines = new ArrayList<>();
        for (String p : present) {
            if (!wanted.containsKey(p)) {
                lines.add("route del " + p.substring(0, p.indexOf(' ')) + " proto " + PROTO);
            }
        }
        wanted.forEach((key, line) -> {
            if (!present.contains(key)) {
                lines.add(line);
            }
        });
        kernel.batch("ip", ns, lines);
    }

    /** @return each route as {@code DEST via HOP}, from lines like {@code 10.99.2.0/24 via 10.99.1.1 dev eth0} */
    static List<String> present(String output) {
        List<String> list = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && "via".equals(f[1])) {
                list.add(f[0] + " via " + f[2]);
            }
        }
        return list;
    }
}
