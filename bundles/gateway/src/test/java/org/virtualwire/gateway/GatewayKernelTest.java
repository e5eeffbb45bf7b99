package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.TrafficCounters;
import org.virtualwire.gateway.crypto.TestKeys;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.tunnel.vxlan.codec.Netns;

/**
 * The whole path with the real kernel at both ends: host h1 (cloud A) and host h2 (cloud B) each have a kernel
 * VXLAN device pointing at their own gateway's private address; gateway A and gateway B are two relays whose
 * sockets live in namespaces ga and gb, joined by an "inter-cloud" link. A kernel ping from h1 to h2 must cross
 * host, gateway, gateway, host, both ways, sealed or plain.
 *
 * <pre>
 *  h1 198.18.61.1 --- 198.18.61.2 ga 198.19.61.1 --- 198.19.61.2 gb 198.18.62.2 --- 198.18.62.1 h2
 *  vx 10.99.61.1/24                                                                  vx 10.99.61.2/24
 * </pre>
 */
class GatewayKernelTest {

    private static final String P = "vgw" + ProcessHandle.current().pid() + "-";
    private static final String H1 = P + "h1";
    private static final String GA = P + "ga";
    private static final String GB = P + "gb";
    private static final String H2 = P + "h2";
    private static final int VNI = 0x80002b;
    private static final String SPOOFED = "198.18.61.9";

    @BeforeAll
    static void namespaces() {
        assumeTrue(Netns.usable(), "the kernel test needs root, iproute2 and ping");
        removeNamespaces();
        for (String ns : new String[] {H1, GA, GB, H2}) {
            Netns.check("ip", "netns", "add", ns);
            Netns.check("ip", "-n", ns, "link", "set", "lo", "up");
            // no IPv6 chatter (router solicitations, MLD) from the kernel's VXLAN devices
            Netns.check("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            Netns.check("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        }
        link(H1, "eth0", "198.18.61.1/24", GA, "priv", "198.18.61.2/24");
        Netns.check("ip", "-n", H1, "addr", "add", SPOOFED + "/24", "dev", "eth0"); // no host of any plan
        link(GA, "pub", "198.19.61.1/24", GB, "pub", "198.19.61.2/24");
        link(GB, "priv", "198.18.62.2/24", H2, "eth0", "198.18.62.1/24");
        for (String[] dev : new String[][] {{GA, "priv"}, {GA, "pub"}, {GB, "priv"}, {GB, "pub"}}) {
            Netns.run("ip", "netns", "exec", dev[0], "ethtool", "-K", dev[1], "gro", "on"); // veth GRO (NAPI)
        }
        vxlan(H1, "198.18.61.1", "198.18.61.2", "10.99.61.1/24");
        vxlan(H2, "198.18.62.1", "198.18.62.2", "10.99.61.2/24");
    }

    private static void link(String ns1, String dev1, String addr1, String ns2, String dev2, String addr2) {
        Netns.check("ip", "-n", ns1, "link", "add", dev1, "type", "veth", "peer", "name", dev2, "netns", ns2);
        Netns.check("ip", "-n", ns1, "addr", "add", addr1, "dev", dev1);
        Netns.check("ip", "-n", ns2, "addr", "add", addr2, "dev", dev2);
        Netns.check("ip", "-n", ns1, "link", "set", dev1, "up");
        Netns.check("ip", "-n", ns2, "link", "set", dev2, "up");
    }

    /** A wire end as VirtualWire makes it, its remote being the host's own gateway. */
    private static void vxlan(String ns, String local, String gateway, String overlay) {
        Netns.check("ip", "-n", ns, "link", "add", "vx", "type", "vxlan", "id", String.valueOf(VNI), "local", local,
                "remote", gateway, "dstport", "4789", "nolearning");
        Netns.check("ip", "-n", ns, "addr", "add", overlay, "dev", "vx");
        Netns.check("ip", "-n", ns, "link", "set", "vx", "up");
    }

    @AfterAll
    static void removeNamespaces() {
        if (Netns.usable()) {
            for (String ns : new String[] {H1, GA, GB, H2}) {
                Netns.run("ip", "netns", "del", ns);
            }
        }
    }

    @ParameterizedTest(name = "{0}, sealed={1}, {2}, gro={3}, xdp={4}")
    @CsvSource({"AES-GCM, true, epoll, false, auto", "ChaCha20-Poly1305, true, epoll, false, auto",
        "AES-GCM, false, epoll, false, auto", "AES-GCM, true, nio, false, auto", "AES-GCM, true, epoll, true, auto",
        "AES-GCM, true, epoll, false, native", "AES-GCM, true, epoll, false, generic", "AES-GCM, true, epoll, false, off",
        "AES-GCM, false, epoll, false, off"})
    void kernelPingCrossesTwoGateways(String cipher, boolean sealed, String transport, boolean gro, String xdp)
            throws Exception {
        String key = TestKeys.newKey();
        // AF_XDP only in front of epoll sockets
        List<String> fastPath = !xdp.equals("off") && transport.equals("epoll") ? List.of("priv", "pub") : List.of();
        try (Gateway a = InNamespace.call(GA, () -> new Gateway(GatewaySettings.from(
                config("a", "198.18.61.2", "198.19.61.1", "198.19.61.2", key, cipher, transport, gro, xdp))).start());
             Gateway b = InNamespace.call(GB, () -> new Gateway(GatewaySettings.from(
                config("b", "198.18.62.2", "198.19.61.2", "198.19.61.1", key, cipher, transport, gro, xdp))).start())) {
            assertEquals(fastPath, a.relay().xdpInterfaces());
            assertEquals(fastPath, b.relay().xdpInterfaces());
            // where AF_XDP was asked for and is missing, why
            String refused = transport.equals("nio") && !xdp.equals("off")
                    ? " (AF_XDP refused: it needs epoll sockets that send UDP GSO batches)" : "";
            assertEquals((fastPath.isEmpty() ? "sockets" : "AF_XDP on priv, pub") + refused, a.receivePath());
            // auto: the veth driver's own XDP; generic on request
            String mode = fastPath.isEmpty() ? "" : xdp.equals("generic") ? "xdpgeneric" : "xdp";
            assertEquals(mode, xdpMode(GA, "priv"), "the filter on ga's private side");
            if (xdp.equals("generic")) { // the veth's own XDP takes TSO from its peer, generic XDP does not
                assertEquals("on", offload(H1, "eth0", "tcp-segmentation-offload"), "TSO of h1's side of ga's veth");
            }
            a.apply(Plans.crossing(1, new GatewayPeer("198.19.61.2", 4889, sealed), VNI, "198.18.61.1"));
            b.apply(Plans.crossing(1, new GatewayPeer("198.19.61.1", 4889, sealed), VNI, "198.18.62.1"));
            long aDropsBefore = a.counters().droppedTotal(); // before its plan, a gateway drops everything
            long bDropsBefore = b.counters().droppedTotal();

            Netns.Result ping = Netns.run("ip", "netns", "exec", H1, "ping", "-c", "3", "-i", "0.2", "-W", "3",
                    "10.99.61.2");
            assertEquals(0, ping.exit(), "kernel ping through both gateways:\n" + ping.output()
                    + "\nA " + a.counters() + "\nB " + b.counters());

            TrafficCounters wireAtA = a.wireCounters().get(new WireId(VNI));
            assertTrue(wireAtA.receivedPackets() >= 4, "ARP and 3 echo requests from h1, replies from B: " + wireAtA);
            assertEquals(aDropsBefore, a.counters().droppedTotal(), "A dropped: " + a.counters().drops());
            assertEquals(bDropsBefore, b.counters().droppedTotal(), "B dropped: " + b.counters().drops());
            if (!fastPath.isEmpty()) { // the requests came in through AF_XDP at A, the replies at B
                assertTrue(a.relay().xdpReceived() >= 4, "A's AF_XDP sockets received " + a.relay().xdpReceived());
                assertTrue(b.relay().xdpReceived() >= 4, "B's AF_XDP sockets received " + b.relay().xdpReceived());
            }
        }
        assertEquals("", xdpMode(GA, "priv"), "closing the gateway detaches its filter");
        assertEquals("", xdpMode(GB, "pub"), "closing the gateway detaches its filter");
    }

    /**
     * In front of the sockets, the fast path applies the same rules: a datagram from an address that is no
     * host of the plan is dropped and counted, whichever way it came in; and what the XDP filter leaves to the
     * kernel (here: datagrams too long for one frame, which arrive as IP fragments) still reaches the socket
     * and is forwarded.
     */
    @Test
    void theFastPathDropsWhatTheSocketWouldAndLeavesTheRestToIt() throws Exception {
        String key = TestKeys.newKey();
        int small = 200;
        int large = 10;
        try (Gateway a = sealedOnAfXdp(GA, "a", "198.18.61.2", "198.19.61.1", "198.19.61.2", "198.18.61.1", key);
             Gateway b = sealedOnAfXdp(GB, "b", "198.18.62.2", "198.19.61.2", "198.19.61.1", "198.18.62.1", key)) {
            long unknownBefore = a.counters().drops().get(GatewayDrop.UNKNOWN_SENDER);
            long xdpBefore = a.relay().xdpReceived();
            InNamespace.call(H1, () -> {
                try (TestHost spoofer = new TestHost(SPOOFED, 0)) {
                    for (int i = 0; i < small; i++) {
                        spoofer.send(TestHost.vxlan(VNI, i, 100), new InetSocketAddress("198.18.61.2", 4789));
                    }
                }
                return null;
            });
            LoopbackPair.await(() -> a.counters().drops().get(GatewayDrop.UNKNOWN_SENDER) - unknownBefore >= small);
            assertEquals(small, a.counters().drops().get(GatewayDrop.UNKNOWN_SENDER) - unknownBefore,
                    "spoofed sender " + SPOOFED + ": " + a.counters());
            assertEquals(small, a.relay().xdpReceived() - xdpBefore, "all came through AF_XDP");

            long before = b.counters().forwardedPackets();
            long xdpAtA = a.relay().xdpReceived();
            InNamespace.call(H1, () -> {
                try (TestHost h1 = new TestHost("198.18.61.1", 0)) {
                    for (int i = 0; i < large; i++) {
                        h1.send(TestHost.vxlan(VNI, i, 1900), new InetSocketAddress("198.18.61.2", 4789));
                        // one at a time: a lone datagram longer than the link's MTU leaves in fragments, a GSO
                        // batch of them would be refused by the kernel
                        long n = before + i + 1;
                        LoopbackPair.await(() -> b.counters().forwardedPackets() >= n);
                    }
                }
                return null;
            });
            // (h2's VXLAN device would drop frames beyond its MTU: B's sends to h2 are what is counted)
            LoopbackPair.await(() -> b.counters().forwardedPackets() - before >= large);
            assertEquals(large, b.counters().forwardedPackets() - before, "long frames through A and B to h2; A "
                    + a.counters() + "\nB " + b.counters());
            assertEquals(xdpAtA, a.relay().xdpReceived(), "fragments are the kernel's to reassemble, not AF_XDP's");
        }
    }

    /**
     * A datagram whose IPv4 header checksum is wrong is not the relay's: the XDP filter leaves it to the kernel,
     * which drops and counts it (InHdrErrors), as without the fast path. The same frame with its right checksum
     * goes through AF_XDP to the relay. The frames carry a VNI h1 may not use, so that only they, and no
     * traffic of h1's own wire end, show in that drop counter.
     */
    @Test
    void aHeaderWithAWrongChecksumIsLeftToTheKernel() throws Exception {
        try (Gateway a = sealedOnAfXdp(GA, "a", "198.18.61.2", "198.19.61.1", "198.19.61.2", "198.18.61.1",
                TestKeys.newKey())) {
            byte[] gatewayMac = InNamespace.call(GA, () -> NetworkInterface.getByName("priv").getHardwareAddress());
            long refusedBefore = a.counters().drops().get(GatewayDrop.VNI_NOT_ALLOWED);
            long xdpBefore = a.relay().xdpReceived();
            long errorsBefore = ipCounter(GA, "InHdrErrors");
            sendFromH1(gatewayMac, false);
            LoopbackPair.await(() -> ipCounter(GA, "InHdrErrors") > errorsBefore);
            Thread.sleep(200); // had the relay taken it, it would have counted it by now
            assertEquals(1, ipCounter(GA, "InHdrErrors") - errorsBefore, "the kernel dropped it");
            assertEquals(refusedBefore, a.counters().drops().get(GatewayDrop.VNI_NOT_ALLOWED),
                    "the relay never saw it: " + a.counters());

            sendFromH1(gatewayMac, true);
            LoopbackPair.await(() -> a.counters().drops().get(GatewayDrop.VNI_NOT_ALLOWED) > refusedBefore);
            assertEquals(refusedBefore + 1, a.counters().drops().get(GatewayDrop.VNI_NOT_ALLOWED),
                    "the relay refused the one with the right checksum: " + a.counters());
            assertTrue(a.relay().xdpReceived() > xdpBefore, "it came through AF_XDP");
            assertEquals(1, ipCounter(GA, "InHdrErrors") - errorsBefore);
        }
    }

    /** @return a started gateway (AES-GCM, epoll, AF_XDP as the driver offers) carrying VNI for its host */
    private static Gateway sealedOnAfXdp(String ns, String name, String privateAddress, String publicAddress,
            String peer, String host, String key) throws Exception {
        Gateway g = InNamespace.call(ns, () -> new Gateway(GatewaySettings.from(config(name, privateAddress,
                publicAddress, peer, key, "AES-GCM", "epoll", false, "auto"))).start());
        g.apply(Plans.crossing(1, new GatewayPeer(peer, 4889, true), VNI, host));
        return g;
    }

    private static void sendFromH1(byte[] gatewayMac, boolean goodChecksum) throws Exception {
        InNamespace.call(H1, () -> {
            RawFrames.sendUdp("eth0", gatewayMac, "198.18.61.1", "198.18.61.2", 4789,
                    TestHost.vxlan(VNI + 1, 1, 100), goodChecksum);
            return null;
        });
    }

    /** @return one of the kernel's IP counters in a namespace (/proc/net/snmp) */
    private static long ipCounter(String ns, String name) {
        List<String[]> ip = Netns.check("ip", "netns", "exec", ns, "cat", "/proc/net/snmp").lines()
                .filter(l -> l.startsWith("Ip: ")).map(l -> l.split(" ")).toList();
        return Long.parseLong(ip.get(1)[Arrays.asList(ip.get(0)).indexOf(name)]);
    }

    /** @return the offload's state as ethtool -k shows it ("on", "off", "off [fixed]") */
    private static String offload(String ns, String dev, String feature) {
        String features = Netns.check("ip", "netns", "exec", ns, "ethtool", "-k", dev);
        return features.lines().filter(l -> l.startsWith(feature + ":")).map(l -> l.substring(feature.length() + 1)
                .strip()).findFirst().orElse("absent");
    }

    /** @return "xdp" if an XDP program is attached in driver mode, "xdpgeneric" in generic mode, "" if none */
    private static String xdpMode(String ns, String dev) {
        String link = Netns.check("ip", "-n", ns, "-d", "link", "show", dev);
        return !link.contains("prog/xdp") ? "" : link.contains(" xdpgeneric ") ? "xdpgeneric" : "xdp";
    }

    /**
     * A burst from h1 in one flow (GRO at ga's and gb's veths coalesces it, UDP_GRO hands it to the gateway as
     * runs, GSO sends it on in batches): every frame must come out of h2's VXLAN device, whole.
     */
    @Test
    void aBurstThroughGroAndGsoArrivesWhole() throws Exception {
        String key = TestKeys.newKey();
        int burst = 2000;
        try (Gateway a = InNamespace.call(GA, () -> new Gateway(GatewaySettings.from(
                config("a", "198.18.61.2", "198.19.61.1", "198.19.61.2", key, "AES-GCM", "epoll", true))).start());
             Gateway b = InNamespace.call(GB, () -> new Gateway(GatewaySettings.from(
                config("b", "198.18.62.2", "198.19.61.2", "198.19.61.1", key, "AES-GCM", "epoll", true))).start())) {
            a.apply(Plans.crossing(1, new GatewayPeer("198.19.61.2", 4889, true), VNI, "198.18.61.1"));
            b.apply(Plans.crossing(1, new GatewayPeer("198.19.61.1", 4889, true), VNI, "198.18.62.1"));
            long before = rxFrames(H2);
            InNamespace.call(H1, () -> {
                try (TestHost h1 = new TestHost("198.18.61.1", 0)) { // h1's address, its own source port
                    InetSocketAddress gateway = new InetSocketAddress("198.18.61.2", 4789);
                    for (int i = 0; i < burst; i++) {
                        h1.send(TestHost.vxlan(VNI, i, 1200), gateway);
                    }
                }
                return null;
            });
            LoopbackPair.await(() -> rxFrames(H2) - before >= burst);
            assertEquals(burst, rxFrames(H2) - before, "frames out of h2's VXLAN device; A " + a.counters()
                    + "\nB " + b.counters());
            assertEquals(burst, b.wireCounters().get(new WireId(VNI)).forwardedPackets() , "B forwarded each once");
        }
    }

    private static long rxFrames(String ns) {
        return Long.parseLong(Netns.check("ip", "netns", "exec", ns, "cat", "/sys/class/net/vx/statistics/rx_packets")
                .trim());
    }

    private static Map<String, Object> config(String cloud, String priv, String pub, String peer, String key,
            String cipher, String transport, boolean gro) {
        return config(cloud, priv, pub, peer, key, cipher, transport, gro, "auto");
    }

    /** @param xdp off, or the fast path's xdp.mode */
    private static Map<String, Object> config(String cloud, String priv, String pub, String peer, String key,
            String cipher, String transport, boolean gro, String xdp) {
        Map<String, Object> c = new HashMap<>();
        c.put("cloud", cloud);
        c.put("private.address", priv);
        c.put("public.address", pub);
        c.put("cipher", cipher);
        c.put("plain.allowed", "true");
        c.put("transport", transport);
        c.put("gro", String.valueOf(gro));
        c.put("xdp", String.valueOf(!xdp.equals("off")));
        if (!xdp.equals("off")) {
            c.put("xdp.mode", xdp);
        }
        c.put("key." + peer, "1:" + key);
        return c;
    }
}
