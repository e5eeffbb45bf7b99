package org.virtualwire.host.linux;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes a host know the link-layer address of each underlay peer its VXLAN devices send to, before a guest is
 * switched to it, so that its first frames leave at once instead of waiting for ARP.
 *
 * <p>A host normally learns its peers while peers send to both hosts (dual-home): their first frames to it are
 * preceded by ARP requests, which teach it their addresses. A host made again with its old address keeps its
 * MAC (the local driver's {@code LocalNames.uplinkMac}), so its peers still know it and never ask: it learned none of them, and
 * the guest's first answers after the switch waited for an ARP round trip (50 ms on a loaded machine, where
 * ARP sent in time took 6 ms), then came in a burst.
 */
public final class UnderlayNeighbours {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * ping's highest exit code taken as done: 1 is no echo answer (what counts is the ARP answer before it), 2 an
     * error such as no route; either way the switch goes ahead, its frames then wait for ARP as before.
     */
    private static final int TOLERATED = 2;

    private UnderlayNeighbours() {
    }

    /**
     * Resolves the peers the host does not know yet, one echo each; a peer that does not answer is left
     * to the kernel (its frames wait for ARP as before).
     *
     * @param kernel the host's kernel
     * @param hostNs the host's namespace
     * @throws KernelException if the host's devices or neighbours cannot be read
     */
    static void resolve(Kernel kernel, String hostNs) throws KernelException {
        Set<String> peers = kernel.links(hostNs).stream().filter(l -> "vxlan".equals(l.kind()))
                .map(Link::remote).filter(r -> r != null && !r.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        peers.removeAll(known(kernel, hostNs));
        for (String peer : peers) {
            kernel.run(List.of("ip", "netns", "exec", hostNs, "ping", "-n", "-q", "-c", "1", "-W", "1", peer), null,
                    TOLERATED);
        }
    }

    /** @return the addresses whose link-layer address the host knows (any state but incomplete or failed) */
    public static Set<String> known(Kernel kernel, String hostNs) throws KernelException {
        String out = kernel.run(List.of("ip", "-n", hostNs, "-j", "neigh", "show"), null);
        Set<String> known = new TreeSet<>();
        try {
            for (JsonNode n : JSON.readTree(out.isBlank() ? "[]" : out)) {
                String states = n.path("state").toString();
                if (n.hasNonNull("lladdr") && !states.contains("INCOMPLETE") && !states.contains("FAILED")) {
                    known.add(n.path("dst").asText());
                }
            }
        } catch (IOException e) {
            throw new KernelException("cannot read the neighbours of " + hostNs + ": " + e.getMessage());
        }
        return known;
    }
}
