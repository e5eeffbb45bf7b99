package org.virtualwire.core.impl.topology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireService;
import org.virtualwire.core.impl.topology.TopologyDocument.CloudItem;
import org.virtualwire.core.impl.topology.TopologyDocument.GuestItem;
import org.virtualwire.core.impl.topology.TopologyDocument.HostItem;
import org.virtualwire.core.impl.topology.TopologyDocument.NicItem;

/**
 * Compares a document with the current state and plans the difference. An item whose attributes differ is
 * removed and created again, and so is everything that hangs off it (a re-created host takes its guests, a
 * guest its endpoints, an endpoint its wire). Attributes a document leaves out are not compared.
 */
final class TopologyPlanner {
    private final DocumentLocation removal;

    /**
     * @param source the document's name, for refusals of removals
     */
    TopologyPlanner(String source) {
        this.removal = new DocumentLocation(source, 0, "");
    }

    /**
     * @param doc a checked document
     * @param now the current state
     * @return what to remove and create
     */
    Plan plan(TopologyDocument doc, WireService now) {
        tick();
        Map<CloudId, CloudItem> clouds = index(doc.clouds(), CloudItem::id);
        Map<HostId, HostItem> hosts = index(doc.hosts(), HostItem::id);
        Map<GuestId, GuestItem> guests = index(doc.guests(), GuestItem::id);
        Map<EndpointId, NicItem> nics = new HashMap<>();
        doc.guests().forEach(g -> g.nics().forEach(n -> nics.put(n.id(), n)));
        Set<WirePair> wires = new HashSet<>();
        doc.wires().forEach(w -> wires.add(w.pair()));

        // read each list once: the service has no snapshot call, and re-reading could mix two revisions
        List<Cloud> nowClouds = now.clouds();
        List<Host> nowHosts = now.hosts();
        List<Guest> nowGuests = now.guests();
        List<Endpoint> nowEndpoints = now.endpoints();
        List<Wire> nowWires = now.wires();

        Plan.Builder plan = new Plan.Builder();
        Set<CloudId> cloudsGone = new HashSet<>();
        Set<CloudId> cloudsKept = new HashSet<>();
        for (Cloud c : nowClouds) {
            tick();
            CloudItem want = clouds.get(c.id());
            if (c.id().equals(TopologyParser.LOCAL)) {
                if (want != null && !same(want, c)) {
                    String field = want.driver().equals(c.driver()) ? "properties" : "driver";
                    throw want.at().at(field).fail("the local cloud cannot be changed: it has driver '"
                            + c.driver() + "' and properties " + c.properties());
                }
                cloudsKept.add(c.id());
            } else if (want == null || !same(want, c)) {
                cloudsGone.add(c.id());
            } else {
                cloudsKept.add(c.id());
            }
        }
        Set<HostId> hostsGone = new HashSet<>();
        Set<HostId> hostsKept = new HashSet<>();
        for (Host h : nowHosts) {
            tick();
            HostItem want = hosts.get(h.id());
            boolean keep = want != null && !cloudsGone.contains(h.cloud()) && same(want, h);
            (keep ? hostsKept : hostsGone).add(h.id());
        }
        Set<GuestId> guestsGone = new HashSet<>();
        Set<GuestId> guestsKept = new HashSet<>();
        for (Guest g : nowGuests) {
            tick();
            GuestItem want = guests.get(g.id());
            boolean keep = want != null && !hostsGone.contains(g.host()) && same(want, g);
            (keep ? guestsKept : guestsGone).add(g.id());
        }
        Set<EndpointId> endpointsGone = new HashSet<>();
        Set<EndpointId> endpointsKept = new HashSet<>();
        for (Endpoint e : nowEndpoints) {
            tick();
            NicItem want = nics.get(e.id());
            boolean keep = want != null && !guestsGone.contains(e.id().guest()) && same(want, e);
            (keep ? endpointsKept : endpointsGone).add(e.id());
        }
        Set<WirePair> wiresKept = new HashSet<>();
        for (Wire w : nowWires) {
            tick();
            WirePair pair = WirePair.of(w);
            if (wires.contains(pair) && w.ends().stream().allMatch(endpointsKept::contains)) {
                wiresKept.add(pair);
            } else {
                String label = label(w);
                plan.remove(label, removal, tx -> {
                    tx.disconnect(w.id());
                    return label;
                });
            }
        }
        removals(plan, nowEndpoints.stream().map(Endpoint::id).filter(endpointsGone::contains).toList(),
                nowGuests.stream().map(Guest::id).filter(guestsGone::contains).toList(),
                nowHosts.stream().map(Host::id).filter(hostsGone::contains).toList(),
                nowClouds.stream().map(Cloud::id).filter(cloudsGone::contains).toList());
        creations(plan, doc, cloudsKept, hostsKept, guestsKept, endpointsKept, wiresKept);
        tick();
        return plan.build();
    }

    /** Stops a cancelled apply (its thread interrupted) between items; nothing has changed yet. */
    private void tick() {
        Cancellation.check(removal.source(), "planning");
    }

    // the lists come in the service's (sorted) order, so removals run in a stable order
    private void removals(Plan.Builder plan, List<EndpointId> endpoints, List<GuestId> guests, List<HostId> hosts,
            List<CloudId> clouds) {
        endpoints.forEach(id -> plan.remove("endpoint " + id, removal, tx -> {
            tx.removeEndpoint(id);
            return "endpoint " + id;
        }));
        guests.forEach(id -> plan.remove("guest " + id, removal, tx -> {
            tx.removeGuest(id);
            return "guest " + id;
        }));
        hosts.forEach(id -> plan.remove("host " + id, removal, tx -> {
            tx.removeHost(id);
            return "host " + id;
        }));
        clouds.forEach(id -> plan.remove("cloud " + id, removal, tx -> {
            tx.removeCloud(id);
            return "cloud " + id;
        }));
    }

    private static void creations(Plan.Builder plan, TopologyDocument doc, Set<CloudId> clouds, Set<HostId> hosts,
            Set<GuestId> guests, Set<EndpointId> endpoints, Set<WirePair> wires) {
        doc.clouds().stream().filter(c -> !clouds.contains(c.id())).forEach(c ->
                plan.create("cloud " + c.id(), c.at().at(), tx -> {
                    tx.addCloud(c.id(), c.driver(), c.properties() == null ? Map.of() : c.properties());
                    return "cloud " + c.id();
                }));
        doc.hosts().stream().filter(h -> !hosts.contains(h.id())).forEach(h ->
                plan.create("host " + h.id(), h.at().at(), tx -> {
                    tx.addHost(h.id(), h.cloud(), h.address(), h.publicAddress());
                    return "host " + h.id();
                }));
        doc.guests().stream().filter(g -> !guests.contains(g.id())).forEach(g ->
                plan.create("guest " + g.id(), g.at().at(), tx -> {
                    tx.addGuest(g.id(), g.kind(), g.host(), g.image(), g.routes());
                    return "guest " + g.id();
                }));
        doc.guests().stream().flatMap(g -> g.nics().stream()).filter(n -> !endpoints.contains(n.id())).forEach(n ->
                plan.create("endpoint " + n.id(), n.at().at(), tx -> {
                    tx.addEndpoint(n.id(), n.mac() == null ? null : n.mac().text(),
                            n.ip() == null ? null : n.ip().toString(), n.mtu(), n.gateway());
                    return "endpoint " + n.id();
                }));
        doc.wires().stream().filter(w -> !wires.contains(w.pair())).forEach(w ->
                plan.create("wire " + w.a() + " " + w.farEnd(), w.at(), tx -> label(w.outside() != null
                        ? tx.connect(w.a(), w.outside()) : tx.connect(w.a(), w.b()))));
    }

    private static String label(Wire w) {
        return "wire " + w.id() + " " + w.a() + " " + w.farEnd();
    }

    private static boolean same(CloudItem want, Cloud c) {
        return want.driver().equals(c.driver()) && (want.properties() == null || want.properties().equals(c.properties()));
    }

    private static boolean same(HostItem want, Host h) {
        return want.cloud().equals(h.cloud()) && (want.address() == null || want.address().equals(h.underlayAddress()))
                && Objects.equals(want.publicAddress(), h.publicAddress());
    }

    private static boolean same(GuestItem want, Guest g) {
        // a VM's image is part of the machine: another kernel or disk means another VM, like another kind
        return want.kind() == g.kind() && want.host().equals(g.host()) && Objects.equals(want.image(), g.image())
                && new HashSet<>(want.routes()).equals(new HashSet<>(g.routes())); // routes too: made with the guest
    }

    private static boolean same(NicItem want, Endpoint e) {
        return (want.mac() == null || want.mac().equals(e.mac())) && Objects.equals(want.ip(), e.address())
                && Objects.equals(want.gateway(), e.gateway())
                && (want.mtu() == null || want.mtu() == e.mtu() || want.mtu().equals(e.requested())); // lowered to its segment
    }

    private static <K, V> Map<K, V> index(List<V> items, Function<V, K> key) {
        Map<K, V> out = new HashMap<>();
        items.forEach(v -> out.put(key.apply(v), v));
        return out;
    }
}
