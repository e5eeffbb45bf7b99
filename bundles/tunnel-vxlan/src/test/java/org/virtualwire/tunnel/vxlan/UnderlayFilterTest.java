package org.virtualwire.tunnel.vxlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.HostId;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.tunnel.vxlan.codec.Netns;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * A host's wire ends take frames from their far hosts only, against real namespaces: one underlay (a bridge)
 * joins the host ({@code .1}), the wire's far host ({@code .2}), the host it moves to ({@code .4}) and a stranger
 * ({@code .200}). The far ends are hand-made VXLAN devices carrying the guest's peer address, so a ping is the
 * wire working and a stranger's ping is an injection. The guest's NIC must see nothing of what is refused, and
 * the refusals are counted.
 */
class UnderlayFilterTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String P = "vt" + ProcessHandle.current().pid() + "-f"; // parallel runs never meet
    private static final String HOST = P + "h";
    private static final String GUEST = P + "g";
    private static final String FAR = P + "a";
    private static final String MOVED = P + "b";
    private static final String STRANGER = P + "s";
    private static final String UNDERLAY = P + "u";
    private static final List<String> ALL = List.of(HOST, GUEST, FAR, MOVED, STRANGER, UNDERLAY);
    private static final WireId WIRE = new WireId(7);
    private static final WireId OTHER = new WireId(8);

    private final VxlanTunnelProvider provider = new VxlanTunnelProvider();

    @BeforeEach
    void namespaces() throws Exception {
        Assumptions.assumeTrue(Netns.usable() && Netns.hasCommand("nft", "--version"), "needs root, ip, ping, nft");
        cleanup();
        for (String ns : ALL) {
            KERNEL.run(List.of("ip", "netns", "add", ns), null);
            // no IPv6: its neighbour discovery would put frames of its own on the wire at any time
            Netns.check("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                    "net.ipv6.conf.default.disable_ipv6=1");
        }
        KERNEL.batch("ip", UNDERLAY, List.of("link add br0 type bridge", "link set br0 up"));
        underlay(HOST, "198.18.9.1");
        underlay(FAR, "198.18.9.2");
        underlay(MOVED, "198.18.9.4");
        underlay(STRANGER, "198.18.9.200");
        // the guest's NICs: host side ve1 (wire 7) and ve2 (wire 8), guest side in its own namespace
        KERNEL.batch("ip", HOST, List.of("link add ve1 type veth peer name pe1 netns " + GUEST,
                "link add ve2 type veth peer name pe2 netns " + GUEST, "link set ve1 up", "link set ve2 up"));
        KERNEL.batch("ip", GUEST, List.of("addr add 10.99.0.1/24 dev pe1", "link set pe1 up",
                "addr add 10.99.1.1/24 dev pe2", "link set pe2 up"));
        // the far ends: each machine speaks wire 7 (10.99.0.x) and wire 8 (10.99.1.x) to the host
        farEnd(FAR, "198.18.9.2", 2);
        farEnd(MOVED, "198.18.9.4", 4);
        farEnd(STRANGER, "198.18.9.200", 200);
        // what the guest's NICs receive from each far end (by its MAC): its own ARP probes get answers at any time
        List<String> seen = new ArrayList<>(List.of("table netdev seen {"));
        for (String nic : List.of("pe1", "pe2")) {
            List.of(2, 4, 200).forEach(h -> seen.add("counter " + nic + "_" + h + " { }"));
            seen.add("chain " + nic + " { type filter hook ingress device \"" + nic + "\" priority 0;");
            int vni = nic.equals("pe1") ? WIRE.vni() : OTHER.vni();
            List.of(2, 4, 200).forEach(h -> seen.add("ether saddr " + mac(vni, h) + " counter name \"" + nic + "_" + h
                    + "\""));
            seen.add("}");
        }
        seen.add("}");
        KERNEL.nftApply(GUEST, seen);
    }

    /** The MAC of a far end's device: which wire, which machine. */
    private static String mac(int vni, int host) {
        return String.format("02:00:00:00:%02x:%02x", vni, host);
    }

    private static void underlay(String ns, String address) throws Exception {
        String outside = "u" + address.substring(address.lastIndexOf('.') + 1);
        KERNEL.batch("ip", UNDERLAY, List.of("link add " + outside + " type veth peer name ul0 netns " + ns,
                "link set " + outside + " master br0", "link set " + outside + " up"));
        KERNEL.batch("ip", ns, List.of("addr add " + address + "/24 dev ul0", "link set ul0 up", "link set lo up"));
    }

    private static void farEnd(String ns, String address, int host) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int vni : List.of(WIRE.vni(), OTHER.vni())) {
            lines.add("link add vx" + vni + " type vxlan id " + vni + " local " + address + " remote 198.18.9.1"
                    + " dstport " + VxlanTunnelProvider.PORT);
            lines.add("link set vx" + vni + " address " + mac(vni, host));
            lines.add("addr add 10.99." + (vni - WIRE.vni()) + "." + host + "/24 dev vx" + vni);
            lines.add("link set vx" + vni + " up");
        }
        KERNEL.batch("ip", ns, lines);
    }

    @AfterEach
    void cleanup() throws Exception {
        for (String ns : ALL) {
            if (KERNEL.netnsExists(ns)) {
                KERNEL.run(List.of("ip", "netns", "del", ns), null);
            }
        }
    }

    private void plan(String... remotes) throws Exception {
        provider.reconcile(new TunnelPlan(HostId.of("h1"), HOST, List.of(
                new WireEnd(WIRE, "ve1", "198.18.9.1", List.of(remotes), null),
                new WireEnd(OTHER, "ve2", "198.18.9.1", "198.18.9.3")))); // wire 8's far host is no one here
    }

    /** An answer within 10 s (a neighbour that failed to resolve before may take a second to be tried again). */
    private static boolean ping(String from, String to) {
        return Netns.run("ip", "netns", "exec", from, "ping", "-c", "1", "-i", "0.2", "-w", "10", to).exit() == 0;
    }

    /** Sends a stranger's echoes (and ARP requests, as the stranger has none yet) for a second. */
    private static boolean tryPing(String from, String to) {
        return Netns.run("ip", "netns", "exec", from, "ping", "-c", "3", "-i", "0.2", "-W", "1", to).exit() == 0;
    }

    /** Frames a guest NIC received from one far machine. */
    private static long received(String nic, int host) throws Exception {
        return KERNEL.nftCounter(GUEST, "netdev", "seen", nic + "_" + host).orElseThrow();
    }

    private long filtered(WireId wire) throws Exception {
        return provider.filtered(HOST, wire);
    }

    /** A stranger's ping over a wire reaches nothing: the guest's NIC sees none of it, the host counts it. */
    private void refused(String stranger, int host, String to, WireId wire, String nic) throws Exception {
        long before = filtered(wire);
        long seen = received(nic, host);
        assertTrue(!tryPing(stranger, to), stranger + " got through to " + to + " on wire " + wire);
        assertEquals(seen, received(nic, host), "frames from " + stranger + " reached the guest's " + nic);
        assertTrue(filtered(wire) > before, "refused frames counted on wire " + wire + ": " + filtered(wire));
    }

    @Test
    void onlyTheWiresFarHostGetsThrough() throws Exception {
        plan("198.18.9.2");
        assertTrue(ping(FAR, "10.99.0.1"), "the wire carries its far host's frames");
        // the right VNI from a foreign address (the report's 198.18.0.200 with id 2)
        refused(STRANGER, 200, "10.99.0.1", WIRE, "pe1");
        // the right address (a host this one has a wire with) with the VNI of a wire it is not the far end of
        refused(FAR, 2, "10.99.1.1", OTHER, "pe2");
        // a VNI of no wire here is dropped too, and counted apart
        KERNEL.batch("ip", STRANGER, List.of("link add vx99 type vxlan id 99 local 198.18.9.200 remote 198.18.9.1"
                + " dstport 4789", "addr add 10.99.9.200/24 dev vx99", "link set vx99 up"));
        assertTrue(!tryPing(STRANGER, "10.99.9.1"));
        assertTrue(unknown().orElseThrow() > 0, "unknown VNIs counted");
        long counted = filtered(WIRE);
        plan("198.18.9.2");
        assertEquals(counted, filtered(WIRE), "a pass changes only the difference: the counts stay");
        assertTrue(ping(FAR, "10.99.0.1"), "and the wire still carries a ping");
    }

    @Test
    void whileThePeerMovesBothOfItsHostsGetThroughThenOnlyTheNewOne() throws Exception {
        plan("198.18.9.2");
        assertTrue(ping(FAR, "10.99.0.1"));
        refused(MOVED, 4, "10.99.0.1", WIRE, "pe1"); // before the move, the destination is a stranger too

        plan("198.18.9.2", "198.18.9.4"); // dual-homed: the peer is on both hosts
        assertTrue(ping(FAR, "10.99.0.1"), "the old host still gets through");
        assertTrue(ping(MOVED, "10.99.0.1"), "the new host gets through");
        refused(STRANGER, 200, "10.99.0.1", WIRE, "pe1");

        plan("198.18.9.4"); // settled
        assertTrue(ping(MOVED, "10.99.0.1"));
        refused(FAR, 2, "10.99.0.1", WIRE, "pe1");
    }

    @Test
    void theDevicesRemoteFollowsTheMoves() throws Exception {
        plan("198.18.9.2");
        plan("198.18.9.2", "198.18.9.4");
        plan("198.18.9.4");
        assertEquals("198.18.9.4", vx7().remote(), "ip -d link names the host the frames go to");
        assertEquals(List.of("198.18.9.4"), destinations());
        plan("198.18.9.4", "198.18.9.2"); // and back
        plan("198.18.9.2");
        assertEquals("198.18.9.2", vx7().remote());
        assertEquals(List.of("198.18.9.2"), destinations());
        assertTrue(ping(FAR, "10.99.0.1"));
    }

    @Test
    void aStaleRemoteLeftByAnOlderVersionIsPutRight() throws Exception {
        plan("198.18.9.2", "198.18.9.4");
        plan("198.18.9.4");
        // as the version before this one left it: the fdb right, the device's remote the old host
        KERNEL.batch("ip", HOST, List.of("link set vx7 type vxlan remote 198.18.9.2"));
        KERNEL.batch("bridge", HOST, List.of("fdb del 00:00:00:00:00:00 dev vx7 dst 198.18.9.2",
                "fdb append 00:00:00:00:00:00 dev vx7 dst 198.18.9.4"));
        assertNotEquals("198.18.9.4", vx7().remote());
        plan("198.18.9.4");
        assertEquals("198.18.9.4", vx7().remote());
        assertEquals(List.of("198.18.9.4"), destinations());
    }

    @Test
    void aHostWithoutWireEndsHasNoFilter() throws Exception {
        plan("198.18.9.2");
        assertTrue(unknown().isPresent());
        provider.reconcile(new TunnelPlan(HostId.of("h1"), HOST, List.of()));
        assertTrue(unknown().isEmpty(),
                "a gateway host (no wire ends) must keep getting its VXLAN datagrams");
    }

    @Test
    void aTableNotAsWeMakeItIsMadeAnew() throws Exception {
        KERNEL.nftApply(HOST, List.of("table ip " + UnderlayFilter.TABLE + " {", "chain input {",
                "type filter hook input priority 0; policy accept;", "udp dport 4789 drop", "}", "}"));
        plan("198.18.9.2");
        assertTrue(ping(FAR, "10.99.0.1"));
        refused(STRANGER, 200, "10.99.0.1", WIRE, "pe1");
    }

    /** Frames of VNIs of no wire on the host, dropped; empty when the host has no filter. */
    private static OptionalLong unknown() throws Exception {
        return KERNEL.nftCounter(HOST, UnderlayFilter.FAMILY, UnderlayFilter.TABLE, UnderlayFilter.UNKNOWN);
    }

    private static Link vx7() throws Exception {
        return KERNEL.links(HOST).stream().filter(l -> l.name().equals("vx7")).findFirst().orElseThrow();
    }

    /** The wire end's default destinations, as the kernel's forwarding table has them. */
    private static List<String> destinations() throws Exception {
        List<String> dst = new ArrayList<>();
        for (String line : KERNEL.run(List.of("bridge", "-n", HOST, "fdb", "show", "dev", "vx7"), null).split("\n")) {
            if (line.startsWith("00:00:00:00:00:00 ") && line.contains(" dst ")) {
                dst.add(line.split(" dst ")[1].split(" ")[0]);
            }
        }
        return dst;
    }
}
