package org.virtualwire.host.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Looks after guests before host-side veths go (deleting one deletes its link in the guest). A NIC removed
 * from a guest that runs here loses its own NIC and port as well: nothing else would remove them. A guest that
 * is not on this host any more keeps both; normally it already sends through another link, but after a
 * restart that rolled back a move whose transfer had switched it (the migration had no chance to switch it
 * back), it still sends through this host's link: it is switched to its other link first, so it is not cut off.
 */
final class LinkRelease {
    private static final Logger LOG = LoggerFactory.getLogger(LinkRelease.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinuxNames names;
    private final Kernel kernel;

    LinkRelease(LinuxNames names, Kernel kernel) {
        this.kernel = kernel;
        this.names = names;
    }

    /**
     * @param host this host
     * @param doomed host-side devices about to be deleted
     * @param wanted the NICs planned here, by device
     * @param here the guests planned here, and whether each is arriving
     */
    void before(Host host, List<Link> doomed, Map<String, PlannedNic> wanted, Map<GuestId, Boolean> here)
            throws KernelException {
        Map<GuestId, List<Integer>> removed = new LinkedHashMap<>();
        Map<GuestId, List<Integer>> leaving = new LinkedHashMap<>();
        for (Link l : doomed) {
            int slot = LinuxNames.slotOf(l.name());
            String endpoint = NicAlias.parse(l.alias()).endpoint();
            GuestId guest = guestOf(endpoint);
            if (!"veth".equals(l.kind()) || slot < 0 || guest == null) {
                continue;
            }
            PlannedNic planned = wanted.get(l.name());
            if (Boolean.FALSE.equals(here.get(guest))) {
                if (planned == null || !planned.endpoint().id().toString().equals(endpoint)) {
                    removed.computeIfAbsent(guest, k -> new ArrayList<>()).add(slot);
                }
            } else if (!here.containsKey(guest)) {
                leaving.computeIfAbsent(guest, k -> new ArrayList<>()).add(slot);
            }
        }
        for (Map.Entry<GuestId, List<Integer>> g : removed.entrySet()) {
            List<String> ports = g.getValue().stream().map(s -> "link del dev " + LinuxNames.port(s)).toList();
            if (kernel.netnsExists(names.guest(g.getKey()))) {
                kernel.batchTolerant("ip", names.guest(g.getKey()), ports); // its NIC goes with it
            }
        }
        for (Map.Entry<GuestId, List<Integer>> g : leaving.entrySet()) {
            handOver(g.getKey(), host, g.getValue());
        }
    }

    private void handOver(GuestId guest, Host host, List<Integer> slots) throws KernelException {
        String ns = names.guest(guest);
        if (!kernel.netnsExists(ns)) {
            return;
        }
        Set<String> present = kernel.links(ns).stream().map(Link::name).collect(Collectors.toSet());
        Map<String, String> ours = new LinkedHashMap<>(); // port -> this host's link, where the NIC has another
        Map<String, List<String>> others = new LinkedHashMap<>();
        for (int slot : slots) {
            String mine = LinuxNames.link(slot, host);
            List<String> rest = present.stream().filter(n -> n.startsWith(LinuxNames.linkPrefix(slot)) && !n.equals(mine))
                    .sorted().toList();
            if (present.contains(mine) && present.contains(LinuxNames.port(slot)) && !rest.isEmpty()) {
                ours.put(LinuxNames.port(slot), mine);
                others.put(LinuxNames.port(slot), rest);
            }
        }
        if (ours.isEmpty()) {
            return;
        }
        List<String> targets = targets(ns, List.copyOf(ours.keySet()));
        List<String> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> p : ours.entrySet()) {
            if (p.getValue().equals(targets.get(i++))) {
                List<String> rest = others.get(p.getKey());
                List<String> drop = new ArrayList<>(rest.subList(1, rest.size()));
                drop.add(p.getValue());
                lines.addAll(PortFilters.activate(p.getKey(), rest.get(0), drop));
            }
        }
        if (!lines.isEmpty()) {
            LOG.info("Guest {} still sent through its link to host {}, which goes: switched to its other link", guest,
                    host.id());
            kernel.batch("tc", ns, lines);
        }
    }

    /** @return the device each port's ingress redirects to, or "" */
    private List<String> targets(String ns, List<String> ports) throws KernelException {
        String out = kernel.run(List.of("tc", "-n", ns, "-j", "-batch", "-"),
                ports.stream().map(p -> "filter show dev " + p + " ingress\n").collect(Collectors.joining()));
        List<String> targets = new ArrayList<>();
        try (JsonParser arrays = JSON.getFactory().createParser(out)) { // one JSON array per command
            while (arrays.nextToken() != null) {
                String to = "";
                for (JsonNode filter : JSON.<JsonNode>readTree(arrays)) {
                    for (JsonNode action : filter.path("options").path("actions")) {
                        to = action.path("to_dev").asText(to);
                    }
                }
                targets.add(to);
            }
        } catch (IOException | RuntimeException e) {
            throw new KernelException("cannot read tc's JSON in " + ns + ": " + e.getMessage());
        }
        while (targets.size() < ports.size()) {
            targets.add("");
        }
        return targets;
    }

    private static GuestId guestOf(String endpoint) {
        try {
            return endpoint.isEmpty() ? null : EndpointId.parse(endpoint).guest();
        } catch (VirtualWireException e) {
            return null;
        }
    }
}
