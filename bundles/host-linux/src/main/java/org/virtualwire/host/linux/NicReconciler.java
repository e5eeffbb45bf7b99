package org.virtualwire.host.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.LocalLink;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.Tc;

/**
 * Makes a host's NICs and local links match its plan, touching nothing that is already right. A NIC's
 * host-side device is a veth whose peer is the NIC's link in the guest's namespace (see {@link GuestSetup}),
 * or a TAP that a VM's QEMU attaches to (with a short queue: a paused migration destination otherwise queues
 * stale frames its guest answers first on resume). It is made on every host where the guest is present,
 * running or arriving by migration. A device is complete once it carries its alias ({@link NicAlias}), written
 * last: anything without the right alias is (re)made, so a crash half-way leaves nothing that passes for
 * finished.
 */
final class NicReconciler {
    private static final int TAP_QUEUE = 16;

    private final LinuxNames names;
    private final GuestSetup guests;
    private final LinkRelease release;
    private final Kernel kernel;

    NicReconciler(LinuxNames names, GuestSetup guests, LinkRelease release, Kernel kernel) {
        this.kernel = kernel;
        this.names = names;
        this.guests = guests;
        this.release = release;
    }

    /**
     * @param plan the host's plan
     * @param failed where the guests the kernel refused something of are put, with its message: their NICs are
     *        left unfinished (no alias, so the next pass makes them again), every other guest's are made
     * @return the host-side devices made (anew) in this pass
     * @throws KernelException if the kernel refused something of the host itself
     */
    Set<String> reconcile(HostPlan plan, Map<GuestId, String> failed) throws KernelException {
        String ns = names.host(plan.host().id());
        Map<String, Link> present = byName(kernel.links(ns));
        Map<String, PlannedNic> wanted = new LinkedHashMap<>();
        Map<GuestId, Boolean> here = new HashMap<>();
        for (GuestPlan g : plan.guests()) {
            try {
                guests.ensureNamespace(g.guest());
            } catch (KernelException e) {
                failed.put(g.guest().id(), e.getMessage());
            }
            here.put(g.guest().id(), g.incoming());
            for (Endpoint e : g.endpoints()) {
                wanted.put(LinuxNames.nic(e), PlannedNic.of(e, g.guest(), g.incoming(), plan.host()));
            }
        }
        List<Link> doomed = present.values().stream().filter(NicReconciler::isNic)
                .filter(l -> !wanted.containsKey(l.name()) || !wanted.get(l.name()).madeBy(l)).toList();
        release.before(plan.host(), doomed, wanted, here);
        kernel.deleteLinks(ns, doomed.stream().map(Link::name).toList());
        doomed.forEach(l -> present.remove(l.name()));
        List<PlannedNic> missing = wanted.values().stream().filter(n -> !present.containsKey(n.device()))
                .filter(n -> !failed.containsKey(n.guest().id())).toList();
        create(ns, missing, failed);
        // a failed guest's devices are left as they are, without their alias: they do not pass for finished, the
        // next pass makes them again
        wanted.values().removeIf(n -> failed.containsKey(n.guest().id()));
        if (!missing.isEmpty()) {
            present.clear();
            present.putAll(byName(kernel.links(ns)));
        }
        NicMtu.follow(kernel, ns, names, wanted.values(), present); // NICs made before their segment's MTU changed
        mark(ns, plan, wanted, present);
        return missing.stream().map(PlannedNic::device).collect(Collectors.toSet());
    }

    private static boolean isNic(Link l) {
        return l.name().startsWith(LinuxNames.NIC_PREFIX) && Set.of("veth", "tun").contains(l.kind());
    }

    /**
     * Makes the missing devices in one pass; if the kernel refuses something of it (a batch stops there), removes
     * the host-side devices it made and makes them again guest by guest, so that only the guest at fault fails.
     */
    private void create(String ns, List<PlannedNic> missing, Map<GuestId, String> failed) throws KernelException {
        try {
            create(ns, missing);
        } catch (KernelException refused) {
            Set<String> made = byName(kernel.links(ns)).keySet();
            kernel.deleteLinks(ns, missing.stream().map(PlannedNic::device).filter(made::contains).toList());
            Map<GuestId, List<PlannedNic>> byGuest = new LinkedHashMap<>();
            missing.forEach(n -> byGuest.computeIfAbsent(n.guest().id(), k -> new ArrayList<>()).add(n));
            for (Map.Entry<GuestId, List<PlannedNic>> g : byGuest.entrySet()) {
                try {
                    create(ns, g.getValue());
                } catch (KernelException e) {
                    failed.put(g.getKey(), e.getMessage());
                }
            }
        }
    }

    private void create(String ns, List<PlannedNic> missing) throws KernelException {
        List<String> host = new ArrayList<>();
        Map<Guest, List<PlannedNic>> byGuest = new LinkedHashMap<>();
        for (PlannedNic n : missing) {
            Endpoint e = n.endpoint();
            if (n.vm()) {
                host.add("tuntap add dev " + n.device() + " mode tap");
                // an arriving VM's TAPs stay down until it runs there (the transfer brings them up): while peers
                // are dual-homed, a TAP that is up would keep stale frames for the guest to answer first on resume
                host.add("link set dev " + n.device() + " mtu " + e.mtu() + " txqueuelen " + TAP_QUEUE
                        + (n.incoming() ? "" : " up"));
                continue; // the guest side is QEMU's
            }
            host.add("link add " + n.device() + " mtu " + e.mtu() + " up type veth peer name " + n.link() + " mtu "
                    + e.mtu() + " arp off netns " + names.guest(n.guest().id()));
            byGuest.computeIfAbsent(n.guest(), k -> new ArrayList<>()).add(n);
        }
        kernel.batch("ip", ns, host);
        for (Map.Entry<Guest, List<PlannedNic>> g : byGuest.entrySet()) {
            guests.plug(g.getKey(), g.getValue().get(0).incoming(), g.getValue());
        }
    }

    /** Local links (a redirect from a NIC straight to another NIC of this host), then every alias. */
    private void mark(String ns, HostPlan plan, Map<String, PlannedNic> wanted, Map<String, Link> present)
            throws KernelException {
        Map<String, NicAlias> aliases = new LinkedHashMap<>();
        wanted.forEach((dev, n) -> aliases.put(dev, n.alias()));
        List<String> tc = new ArrayList<>();
        List<String> qdiscs = new ArrayList<>();
        for (LocalLink link : plan.localLinks()) {
            String a = LinuxNames.nic(link.a());
            String b = LinuxNames.nic(link.b());
            if (!present.containsKey(a) || !present.containsKey(b) || !aliases.containsKey(a)) {
                continue;
            }
            NicAlias alias = aliases.get(a).withLocal(link.wire() + "@" + present.get(b).ifindex());
            aliases.put(a, alias);
            if (!alias.toString().equals(present.get(a).alias())) {
                qdiscs.add(Tc.ingress(a));
                tc.add(Tc.redirect(a, b));
            }
        }
        Set<String> localWires = plan.localLinks().stream().map(l -> l.wire().toString()).collect(Collectors.toSet());
        List<String> marks = new ArrayList<>();
        List<String> unlink = new ArrayList<>();
        aliases.forEach((dev, alias) -> {
            if (!present.containsKey(dev)) {
                return;
            }
            NicAlias was = NicAlias.parse(present.get(dev).alias());
            if (!was.local().isEmpty() && alias.local().isEmpty() && !localWires.contains(wireOf(was.local()))) {
                // the wire is gone from this host; while it is still local the other way (its peer moves:
                // dual-homed), a tunnel end replaces this redirect in place, and removing it would drop frames
                unlink.add("qdisc del dev " + dev + " ingress");
            }
            if (!alias.toString().equals(present.get(dev).alias())) {
                marks.add("link set dev " + dev + " alias \"" + alias + "\"");
            }
            PlannedNic n = wanted.get(dev);
            if (n.vm() && !n.incoming() && !present.get(dev).up()) {
                marks.add("link set dev " + dev + " up"); // a VM no longer arriving (e.g. after a crash half-way)
            }
        });
        kernel.batchTolerant("tc", ns, unlink);
        kernel.batchTolerant("tc", ns, qdiscs);
        kernel.batch("tc", ns, tc);
        kernel.batch("ip", ns, marks);
    }

    private static String wireOf(String local) {
        int at = local.indexOf('@');
        return at < 0 ? local : local.substring(0, at);
    }

    private static Map<String, Link> byName(List<Link> links) {
        Map<String, Link> map = new HashMap<>();
        links.forEach(l -> map.put(l.name(), l));
        return map;
    }
}
