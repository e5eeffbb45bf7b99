package org.virtualwire.tunnel.vxlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Kernel;

/**
 * Lets a host's VXLAN wire ends take frames only from their wires' far hosts. The kernel's VXLAN device
 * takes any datagram to its port whose VNI is its own, whoever sent it; this nftables table in the host's
 * namespace drops, before that, every VXLAN datagram whose (source address, VNI) is not one of the host's
 * wire ends' (remote, VNI): a peer host, both while the peer moves, or this cloud's gateway for a wire to
 * another cloud (the wire end's remotes are exactly those).
 *
 * <p>Why these choices: the {@code input} hook sees datagrams after the kernel reassembled them, so a
 * fragment cannot hide the VNI (tc on the underlay device sees fragments one by one); one set of
 * {@code saddr . vni} elements and one counter per VNI change by elements, so a pass adds and removes only
 * the difference in one transaction, whatever the number of wires. Drops are counted per VNI (a wire end's
 * {@link #COUNTER_PREFIX} counter) and, for VNIs of no wire here, in {@link #UNKNOWN}. A host without wire
 * ends has no table: nothing on it listens to VXLAN (and a gateway's relay takes its datagrams itself).
 */
final class UnderlayFilter {
    static final String FAMILY = "ip";
    static final String TABLE = "vw_wires";
    static final String COUNTER_PREFIX = "d";
    static final String UNKNOWN = "unknown";
    private static final String ENDS = "ends";
    private static final String DROPS = "drops";

    private final Kernel kernel;

    /**
     * @param kernel where the table is
     */
    UnderlayFilter(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Makes the table allow exactly the planned ends' (remote, VNI) pairs; adds the table when missing.
     *
     * @param netns the host's namespace
     * @param ends the host's wire ends
     * @throws KernelException if nft refused the change (then nothing changed)
     */
    void reconcile(String netns, List<WireEnd> ends) throws KernelException {
        Set<String> allowed = new TreeSet<>();
        Set<Integer> vnis = new TreeSet<>();
        for (WireEnd e : ends) {
            vnis.add(e.wire().vni());
            e.remoteAddresses().forEach(r -> allowed.add(r + " . " + e.wire().vni()));
        }
        List<String> present = kernel.nftElements(netns, FAMILY, TABLE, ENDS).orElse(null);
        List<String> script = new ArrayList<>();
        if (vnis.isEmpty()) {
            if (present != null) {
                kernel.nftApply(netns, List.of("delete table " + FAMILY + " " + TABLE));
            }
            return;
        }
        // a VNI has its counter exactly while it has elements: both change in the same transaction
        Set<Integer> counted = new TreeSet<>();
        if (present == null) {
            // none, or not ours as we make it: made anew ("add" first, so that "delete" cannot fail)
            script.addAll(List.of("add table " + FAMILY + " " + TABLE, "delete table " + FAMILY + " " + TABLE));
            script.addAll(create());
            present = List.of();
        } else {
            present.forEach(p -> counted.add(Integer.parseInt(p.substring(p.lastIndexOf(' ') + 1))));
        }
        Set<String> was = new TreeSet<>(present);
        // allowed first, then what goes: a pair that stays is never missing, even for the transaction's length
        List<String> add = allowed.stream().filter(a -> !was.contains(a)).toList();
        List<String> gone = was.stream().filter(p -> !allowed.contains(p)).toList();
        elements(script, "add", ENDS, add);
        for (int vni : vnis) {
            if (!counted.contains(vni)) {
                script.add("add counter " + FAMILY + " " + TABLE + " " + COUNTER_PREFIX + vni);
                script.add("add element " + FAMILY + " " + TABLE + " " + DROPS + " { " + vni + " : \""
                        + COUNTER_PREFIX + vni + "\" }");
            }
        }
        elements(script, "delete", ENDS, gone);
        for (int vni : counted) {
            if (!vnis.contains(vni)) {
                script.add("delete element " + FAMILY + " " + TABLE + " " + DROPS + " { " + vni + " }");
                script.add("delete counter " + FAMILY + " " + TABLE + " " + COUNTER_PREFIX + vni);
            }
        }
        kernel.nftApply(netns, script);
    }

    /**
     * @param netns the host's namespace
     * @param vni a wire's VNI
     * @return frames with that VNI dropped on this host because their sender was not the wire's far host
     * @throws KernelException if nft could not be asked
     */
    long dropped(String netns, int vni) throws KernelException {
        return kernel.nftCounter(netns, FAMILY, TABLE, COUNTER_PREFIX + vni).orElse(0);
    }

    /**
     * The table. The VNI is the 24 bits after the UDP header's 8 bytes and the VXLAN flags' 4 ({@code @th,96,24}).
     * A datagram too short to hold a VNI fails the lookup and meets the last rule. The per-VNI counter is found
     * through a map keyed by the packet mark (the one 32-bit key nft 1.0 takes for a counter map), set to the VNI
     * only on datagrams about to be dropped.
     */
    private static List<String> create() {
        String port = String.valueOf(VxlanTunnelProvider.PORT);
        return List.of(
                "table " + FAMILY + " " + TABLE + " {",
                "  set " + ENDS + " { typeof ip saddr . @th,96,24 ; }",
                "  map " + DROPS + " { type mark : counter ; }",
                "  counter " + UNKNOWN + " { }",
                "  chain input {",
                "    type filter hook input priority filter; policy accept;",
                "    udp dport " + port + " ip saddr . @th,96,24 @" + ENDS + " accept",
                "    udp dport " + port + " meta mark set @th,96,32 >> 8"
                        + " counter name meta mark map @" + DROPS + " drop",
                "    udp dport " + port + " counter name \"" + UNKNOWN + "\" drop",
                "  }",
                "}");
    }

    private static void elements(List<String> script, String verb, String set, List<String> elements) {
        // nft takes a long element list in one command; chunks keep each line of a big first apply short
        for (int i = 0; i < elements.size(); i += 500) {
            script.add(verb + " element " + FAMILY + " " + TABLE + " " + set + " { "
                    + String.join(", ", elements.subList(i, Math.min(elements.size(), i + 500))) + " }");
        }
    }
}
