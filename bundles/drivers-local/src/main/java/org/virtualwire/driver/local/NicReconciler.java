package org.virtualwire.driver.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestKind;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.LocalLink;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.Tc;

/**
 * Makes a host's NICs (veth pairs into guest namespaces) and local links match its plan, touching nothing
 * that is already right. A NIC is complete once its host side carries the alias {@code vw:<endpoint>}
 * (plus {@code link=<wire>@<peer ifindex>} when its frames go straight to a NIC of the same host), written
 * last: anything without the right alias is (re)made, so a crash half-way leaves nothing that passes for
 * finished. The NICs of a container arriving by migration are neither made nor removed: they come with it.
 * A VM's NICs are TAPs its QEMU attaches to, made on every host the VM runs on or arrives at, with a short
 * queue. The TAPs of a VM arriving by live migration are made down: while peers are dual-homed the wire
 * delivers frames there long before the guest runs, and a TAP that is up would keep the oldest of them for
 * the guest to answer first on resume (answers the source gave already), delaying its first new answer by
 * 5 to 20 ms. The transfer brings them up the moment the guest runs there; a pass brings up any TAP of a
 * VM that is no longer arriving (after a crash half-way, say).
 */
final class NicReconciler {
    private static final String MARK = "vw:";
    private static final int TAP_QUEUE = 16;

    private final LocalNames names;
    private final GuestSetup guests;

    NicReconciler(LocalNames names, GuestSetup guests) {
        this.names = names;
        this.guests = guests;
    }

    /** @return the host-side devices made (anew) in this pass */
    Set<String> reconcile(HostPlan plan) throws KernelException {
        String ns = names.host(plan.host().id());
        Map<String, Link> present = byName(Kernel.links(ns));
        Map<String, Endpoint> wanted = new LinkedHashMap<>();
        Map<String, Guest> owner = new HashMap<>();
        Map<String, Endpoint> arriving = new HashMap<>();
        Set<String> arrivingVms = new HashSet<>();
        for (GuestPlan g : plan.guests()) {
            guests.ensureNamespace(g.guest());
            for (Endpoint e : g.endpoints()) {
                // a container's NICs arrive with it: tolerated when there, never made here; a VM's TAPs stay
                (g.incoming() && g.guest().kind() != GuestKind.VM ? arriving : wanted).put(LocalNames.nic(e), e);
                owner.put(LocalNames.nic(e), g.guest());
                if (g.incoming() && g.guest().kind() == GuestKind.VM) {
                    arrivingVms.add(LocalNames.nic(e));
                }
            }
        }
        List<String> doomed = new ArrayList<>();
        for (Link l : present.values()) {
            if (!l.name().startsWith(LocalNames.NIC_PREFIX) || !Set.of("veth", "tun").contains(l.kind())) {
                continue;
            }
            Endpoint e = wanted.getOrDefault(l.name(), arriving.get(l.name()));
            if (e == null || !endpointOf(l.alias()).equals(e.id().toString())
                    || !l.kind().equals(kind(owner.get(l.name())))) {
                doomed.add(l.name());
            }
        }
        Kernel.deleteLinks(ns, doomed);
        doomed.forEach(present::remove);
        List<Endpoint> missing = wanted.values().stream().filter(e -> !present.containsKey(LocalNames.nic(e))).toList();
        create(ns, missing, owner, arrivingVms);
        if (!missing.isEmpty()) {
            present.clear();
            present.putAll(byName(Kernel.links(ns)));
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        wanted.forEach((dev, e) -> aliases.put(dev, MARK + e.id()));
        List<String> tc = new ArrayList<>();
        List<String> qdiscs = new ArrayList<>();
        for (LocalLink link : plan.localLinks()) {
            String a = LocalNames.nic(link.a());
            String b = LocalNames.nic(link.b());
            if (!present.containsKey(a) || !present.containsKey(b)) {
                continue; // one end is an arriving NIC not here yet
            }
            aliases.put(a, aliases.getOrDefault(a, MARK + link.a().id()) + " link=" + link.wire() + "@" + present.get(b).ifindex());
            if (!aliases.get(a).equals(present.get(a).alias())) {
                qdiscs.add(Tc.ingress(a));
                tc.add(Tc.redirect(a, b));
            }
        }
        List<String> marks = new ArrayList<>();
        List<String> unlink = new ArrayList<>();
        aliases.forEach((dev, alias) -> {
            if (!present.containsKey(dev)) {
                return;
            }
            String was = present.get(dev).alias();
            if (was.contains(" link=") && !alias.contains(" link=")) {
                unlink.add("qdisc del dev " + dev + " ingress"); // a local link gone (a moved NIC has none left)
            }
            if (!alias.equals(was)) {
                marks.add("link set dev " + dev + " alias \"" + alias + "\"");
            }
            if (!present.get(dev).up() && owner.containsKey(dev) && owner.get(dev).kind() == GuestKind.VM
                    && !arrivingVms.contains(dev)) {
                marks.add("link set dev " + dev + " up");
            }
        });
        Kernel.batchTolerant("tc", ns, unlink);
        Kernel.batchTolerant("tc", ns, qdiscs);
        Kernel.batch("tc", ns, tc);
        Kernel.batch("ip", ns, marks);
        return missing.stream().map(LocalNames::nic).collect(Collectors.toSet());
    }

    private static String kind(Guest g) {
        return g.kind() == GuestKind.VM ? "tun" : "veth";
    }

    private void create(String ns, List<Endpoint> missing, Map<String, Guest> owner, Set<String> arrivingVms)
            throws KernelException {
        List<String> host = new ArrayList<>();
        Map<Guest, List<Endpoint>> byGuest = new LinkedHashMap<>();
        for (Endpoint e : missing) {
            Guest g = owner.get(LocalNames.nic(e));
            if (g.kind() == GuestKind.VM) {
                host.add("tuntap add dev " + LocalNames.nic(e) + " mode tap");
                host.add("link set dev " + LocalNames.nic(e) + " mtu " + e.mtu() + " txqueuelen " + TAP_QUEUE
                        + (arrivingVms.contains(LocalNames.nic(e)) ? "" : " up"));
                continue; // the guest side is QEMU's
            }
            host.add("link add " + LocalNames.nic(e) + " mtu " + e.mtu() + " type veth peer name " + e.id().nic()
                    + " address " + e.mac() + " mtu " + e.mtu() + " netns " + names.guest(g.id()));
            host.add("link set " + LocalNames.nic(e) + " up");
            byGuest.computeIfAbsent(g, k -> new ArrayList<>()).add(e);
        }
        Kernel.batch("ip", ns, host);
        for (Map.Entry<Guest, List<Endpoint>> g : byGuest.entrySet()) {
            guests.configure(g.getKey(), g.getValue());
        }
    }

    private static String endpointOf(String alias) {
        if (!alias.startsWith(MARK)) {
            return "";
        }
        int space = alias.indexOf(' ');
        return alias.substring(MARK.length(), space < 0 ? alias.length() : space);
    }

    private static Map<String, Link> byName(List<Link> links) {
        Map<String, Link> map = new HashMap<>();
        links.forEach(l -> map.put(l.name(), l));
        return map;
    }
}
