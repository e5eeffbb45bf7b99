package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.LinuxKernel;
import org.virtualwire.host.linux.LinuxHostRuntime;
import org.virtualwire.host.linux.GatewayStream;
import org.virtualwire.host.linux.GatewayTls;

/**
 * Several local clouds: each a private underlay of its own; gateways also on the network between clouds.
 * A host of one cloud reaches its own gateway and nothing of another cloud; a wire between clouds points
 * at the host's own gateway; a gateway's sockets can be opened inside its namespace.
 */
class CloudsIsolationTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("vc");
    @TempDir
    Path data;
    private LocalLab lab;
    private LinuxHostRuntime driver;
    private WireManager manager;

    @BeforeEach
    void start() {
        lab = new LocalLab(PREFIX, data);
        manager = lab.start();
        driver = lab.runtime();
    }

    @AfterEach
    void stop() {
        lab.stop();
    }

    private boolean ping(String host, String ip) {
        return LocalLab.ping(lab.hostNs(host), "-c", "1", "-W", "1", ip);
    }

    private void twoClouds() {
        lab.twoClouds(Map.of("mtu", "1400"));
    }

    @Test
    void hostsReachOnlyTheirOwnCloudAndGatewaysReachEachOther() throws Exception {
        twoClouds();
        assertTrue(ping("ha", "198.18.1.254"), "a host reaches its own gateway");
        assertTrue(ping("ga", "198.19.0.2"), "gateways reach each other on the public network");
        assertFalse(ping("ha", "198.18.2.1"), "a host of cloud a cannot reach a host of cloud b");
        assertFalse(ping("ha", "198.19.0.2"), "nor cloud b's gateway");
        assertFalse(ping("ha", "198.19.0.1"), "nor its own gateway's public side: gateways do not route");
        assertEquals("0", KERNEL.exec(PREFIX + "h-ga", "sysctl", "-n", "net.ipv4.ip_forward").trim());

        // cloud b's 1400 is narrower than the public 1500 less the gateways' sealing; less VXLAN's 50
        assertEquals(1350, manager.endpoint(EndpointId.parse("x/eth0")).orElseThrow().mtu());
        String vx = KERNEL.exec(PREFIX + "h-ha", "ip", "-d", "-j", "link", "show", "type", "vxlan");
        String fdb = KERNEL.exec(PREFIX + "h-ha", "bridge", "fdb", "show");
        assertTrue(fdb.contains("dst 198.18.1.254"), "the wire end on ha sends to its own gateway: " + fdb + vx);

        // sockets opened through the gateway's network scope belong to its namespace
        Host ga = manager.host(HostId.of("ga")).orElseThrow();
        String bound = driver.network(ga).call(() -> {
            try (java.nio.channels.DatagramChannel ch = java.nio.channels.DatagramChannel.open()) {
                ch.bind(new java.net.InetSocketAddress("198.19.0.1", 0));
                return ch.getLocalAddress().toString();
            }
        });
        assertTrue(bound.contains("198.19.0.1"), bound);
    }

    @Test
    void aCloudsUnderlayGoesWithItsLastHost() throws Exception {
        twoClouds();
        String underlayB = new LocalNames(PREFIX).underlay(CloudId.of("b"));
        String underlayA = new LocalNames(PREFIX).underlay(CloudId.of("a"));
        assertTrue(KERNEL.netnsExists(underlayB), underlayB);
        manager.batch(x -> {
            x.disconnect(manager.wireOf(EndpointId.parse("y/eth0")).orElseThrow().id());
            x.removeGuest(GuestId.of("y"));
        });
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        Thread.sleep(500); // the sweep for the guest has run by now: what follows removes hosts only
        manager.batch(x -> {
            x.removeHost(HostId.of("hb"));
            x.removeHost(HostId.of("gb"));
        });
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (KERNEL.netnsExists(underlayB) && System.nanoTime() < deadline) {
            Thread.sleep(50); // the sweep runs once every agent has applied the removal
        }
        assertFalse(KERNEL.netnsExists(underlayB), "cloud b has no host left, its underlay namespace stays: "
                + KERNEL.netns(PREFIX));
        assertFalse(KERNEL.netnsExists(lab.hostNs("hb")) || KERNEL.netnsExists(lab.hostNs("gb")), KERNEL.netns(PREFIX).toString());
        assertTrue(KERNEL.netnsExists(underlayA), "cloud a keeps its underlay: " + KERNEL.netns(PREFIX));
        assertTrue(LocalLab.ping(lab.hostNs("ha"), "-c", "1", "-W", "1", "198.18.1.254"), "and cloud a still works");
    }

    @Test
    void aStreamCrossesCloudsThroughBothGatewaysSealedBetweenThem() throws Exception {
        twoClouds();
        Host ha = manager.host(HostId.of("ha")).orElseThrow();
        Host hb = manager.host(HostId.of("hb")).orElseThrow();
        Host ga = manager.host(HostId.of("ga")).orElseThrow();
        Host gb = manager.host(HostId.of("gb")).orElseThrow();
        byte[] sent = new byte[8 << 20];
        new java.util.Random(7).nextBytes(sent);
        try (java.net.ServerSocket target = driver.network(hb).call(() -> new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName(hb.underlayAddress())))) {
            java.util.concurrent.CompletableFuture<byte[]> received = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket s = target.accept()) {
                    return s.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            GatewayStream route = new GatewayStream(driver.network(ga), ga.underlayAddress(), driver.network(gb),
                    gb.publicAddress(), new GatewayTls(data.resolve("tls.p12"), KERNEL).context());
            try (org.virtualwire.host.linux.qemu.StreamRoute.Opened path =
                    route.open("tcp:" + hb.underlayAddress() + ":" + target.getLocalPort())) {
                assertTrue(path.uri().startsWith("tcp:" + ga.underlayAddress() + ":"), path.uri());
                String[] p = path.uri().split(":");
                driver.network(ha).call(() -> {
                    try (java.net.Socket s = new java.net.Socket(p[1], Integer.parseInt(p[2]))) {
                        s.getOutputStream().write(sent);
                    }
                    return null;
                });
                assertTrue(java.util.Arrays.equals(sent, received.get(30, java.util.concurrent.TimeUnit.SECONDS)),
                        "every byte arrives, in order");
            }
        }
        // the public hop takes TLS with the gateways' certificate only: plain bytes get no further
        try (java.net.ServerSocket target = driver.network(hb).call(() -> new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName(hb.underlayAddress())))) {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (java.net.Socket s = target.accept()) {
                    s.getOutputStream().write("REACHED".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // closed at the end
                }
            });
            GatewayStream route = new GatewayStream(driver.network(ga), ga.underlayAddress(), driver.network(gb),
                    gb.publicAddress(), new GatewayTls(data.resolve("tls.p12"), KERNEL).context());
            try (org.virtualwire.host.linux.qemu.StreamRoute.Opened path =
                    route.open("tcp:" + hb.underlayAddress() + ":" + target.getLocalPort())) {
                String listening = KERNEL.exec(PREFIX + "h-gb", "ss", "-Htln");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        java.util.regex.Pattern.quote(gb.publicAddress()) + "\\]?:(\\d+)").matcher(listening);
                assertTrue(m.find(), "the public relay listens: " + listening);
                int port = Integer.parseInt(m.group(1));
                byte[] reply = driver.network(ga).call(() -> {
                    try (java.net.Socket s = new java.net.Socket(gb.publicAddress(), port)) {
                        s.setSoTimeout(5000);
                        s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        return s.getInputStream().readAllBytes();
                    } catch (java.io.IOException e) {
                        return new byte[0];
                    }
                });
                String text = new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("REACHED"), "a plain client got through the gateways: " + text);
                assertTrue(reply.length == 0 || reply[0] == 0x15, "refused with a TLS alert or closed: " + text);
            }
        }
    }
}
