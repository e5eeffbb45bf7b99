package org.virtualwire.tunnel.vxlan.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The codec against the real Linux VXLAN driver, both ways. Namespace vwc-a holds a kernel VXLAN device; the
 * codec runs in a child JVM in vwc-b, joined to vwc-a by a veth. The kernel's ARP request must decode with the
 * right VNI, ethertype and sender MAC; our encoded ARP reply must land in the kernel's neighbour table and our
 * encoded ICMP echo replies must make the kernel's ping succeed.
 */
class VxlanKernelInteropTest {

    private static final String NS_A = "vc" + ProcessHandle.current().pid() + "-a"; // parallel runs never meet
    private static final String NS_B = "vc" + ProcessHandle.current().pid() + "-b";
    private static final int VNI = 8388650; // 0x80002a: top bit set, so a signed-byte bug would show
    private static final String PEER_IP = "10.99.200.2";
    private static final String PEER_MAC = "02:76:77:63:00:02";

    @BeforeAll
    static void namespaces() {
        assumeTrue(Netns.isRoot(), "kernel interop test needs root");
        assumeTrue(Netns.hasCommand("ip", "-V"), "kernel interop test needs iproute2");
        assumeTrue(Netns.hasCommand("ping", "-V"), "kernel interop test needs ping");
        removeNamespaces(); // leftovers of an aborted run
        // Everything is created inside our namespaces (ip -n / netns peer): nothing touches the default one.
        Netns.check("ip", "netns", "add", NS_A);
        Netns.check("ip", "netns", "add", NS_B);
        Netns.check("ip", "-n", NS_A, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", NS_B);
        Netns.check("ip", "-n", NS_A, "addr", "add", "198.18.200.1/24", "dev", "va");
        Netns.check("ip", "-n", NS_B, "addr", "add", "198.18.200.2/24", "dev", "vb");
        for (String ns : new String[] {NS_A, NS_B}) {
            Netns.check("ip", "-n", ns, "link", "set", "lo", "up");
        }
        Netns.check("ip", "-n", NS_A, "link", "set", "va", "up");
        Netns.check("ip", "-n", NS_B, "link", "set", "vb", "up");
        Netns.check("ip", "-n", NS_A, "link", "add", "vx42", "type", "vxlan", "id", String.valueOf(VNI),
                "remote", "198.18.200.2", "local", "198.18.200.1", "dstport", "4789", "nolearning", "udpcsum");
        Netns.check("ip", "-n", NS_A, "addr", "add", "10.99.200.1/24", "dev", "vx42");
        Netns.check("ip", "-n", NS_A, "link", "set", "vx42", "up");
    }

    @AfterAll
    static void removeNamespaces() {
        if (Netns.isRoot()) {
            Netns.run("ip", "netns", "del", NS_A);
            Netns.run("ip", "netns", "del", NS_B);
        }
    }

    /**
     * Pings the codec until one echo is answered, for up to a minute. The child JVM answers its first ARP
     * requests late on a loaded machine (it starts cold): three pings in a row used to end with the kernel's
     * neighbour entry FAILED before the answers came, although the codec answered every request right.
     */
    private static Netns.Result pingUntilAnswered() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder tries = new StringBuilder();
        Netns.Result ping;
        do {
            ping = Netns.run("ip", "netns", "exec", NS_A, "ping", "-c", "1", "-W", "2", PEER_IP);
            tries.append(ping.output());
        } while (ping.exit() != 0 && System.nanoTime() < deadline);
        return new Netns.Result(ping.exit(), tries.toString());
    }

    @Test
    void kernelAndCodecUnderstandEachOther() throws Exception {
        // "vx42  UNKNOWN  72:39:f4:f8:b7:7f <BROADCAST,...>"
        String kernelMac = Netns.check("ip", "-n", NS_A, "-br", "link", "show", "vx42").trim().split("\\s+")[2];
        PeerProcess peer = PeerProcess.start(NS_B, String.valueOf(VNI), kernelMac, PEER_MAC, PEER_IP);
        try {
            assertNotNull(peer.awaitLine("READY", 60), "peer JVM did not start:\n" + peer.output());
            Netns.Result ping = pingUntilAnswered();
            String neigh = Netns.check("ip", "-n", NS_A, "neigh", "show", PEER_IP, "dev", "vx42");
            int exit = peer.finish(30);
            System.out.println(ping.output() + neigh);

            String arp = peer.line("ARP-REQUEST");
            assertNotNull(arp, "codec decoded no ARP request from the kernel:\n" + peer.output());
            assertTrue(arp.contains("vni=" + VNI), arp);
            assertTrue(arp.contains("ethertype=0x0806"), arp);
            assertTrue(arp.contains("src=" + kernelMac + " sha=" + kernelMac), arp + " / vx42 is " + kernelMac);
            assertTrue(neigh.contains("lladdr " + PEER_MAC), "kernel did not learn our ARP reply: " + neigh);
            assertEquals(0, ping.exit(), "kernel ping through the codec failed:\n" + ping.output());
            assertEquals(0, exit, "peer JVM reported failure:\n" + peer.output());
        } finally {
            peer.destroy();
        }
    }
}
