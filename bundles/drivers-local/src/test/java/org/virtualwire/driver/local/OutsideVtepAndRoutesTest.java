package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.Route;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * On real namespaces: a container wired to a VXLAN device built by hand ({@code ip link add ... type vxlan}) in a
 * namespace of the test's own on the local cloud's underlay; a second hand-built VTEP with the same VNI at another
 * address is dropped by the host's filter and counted; the container migrates and the outside VTEP, still sending
 * to the wire's anchor, reaches it on its new host. And two subnets joined by a router guest, with a gateway per
 * container NIC and a route on the router's far side, pinged across, then the router migrated and pinged again.
 */
class OutsideVtepAndRoutesTest {
    private static final Kernel KERNEL = new LinuxKernel();
    private static final String PREFIX = LocalLab.prefix("vo");
    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final String VTEP_NS = PREFIX + "x-vtep";
    private static final String SPOOF_NS = PREFIX + "x-spoof";

    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;

    @BeforeEach
    void start() {
        lab = new LocalLab(PREFIX, data).vniRange(1000, 0xFFFFFF);
        manager = lab.start();
        CloudId local = CloudId.of("local");
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), local, "198.18.0.1");
            a.addHost(HostId.of("h2"), local, "198.18.0.2");
        });
        assertTrue(manager.awaitApplied(APPLIED));
    }

    @AfterEach
    void stop() throws Exception {
        for (String ns : List.of(VTEP_NS, SPOOF_NS)) {
            if (KERNEL.netnsExists(ns)) {
                KERNEL.deleteNetns(ns);
            }
        }
        lab.stop();
    }

    /** A namespace on the local cloud's underlay at an address, with a VXLAN device to the anchor, 10.99.5.x on it. */
    private static void handBuiltVtep(String ns, String address, String anchor, String inner) throws Exception {
        String underlay = PREFIX + "u-local";
        String port = "vo" + address.substring(address.lastIndexOf('.') + 1);
        KERNEL.run(List.of("ip", "netns", "add", ns), null);
        KERNEL.batch("ip", underlay, List.of("link add " + port + " type veth peer name up0 netns " + ns,
                "link set " + port + " master ul up"));
        KERNEL.batch("ip", ns, List.of("link set lo up", "addr add " + address + "/16 dev up0", "link set up0 up",
                "link add vx7 type vxlan id 7 local " + address + " remote " + anchor + " dstport 4789 nolearning",
                "addr add " + inner + "/24 dev vx7", "link set vx7 up"));
    }

    @Test
    void anOutsideVtepReachesItsGuestBeforeAndAfterAMigrationAndNobodyElseDoes() throws Exception {
        manager.batch(a -> {
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.5.1/24", null);
        });
        VirtualWireException own = assertThrows(VirtualWireException.class,
                () -> manager.connect(EndpointId.parse("web1/eth0"), OutsideVtep.parse("vxlan:198.18.0.200/1000")));
        assertTrue(own.getMessage().contains("1000..16777215"), own.getMessage());
        Wire wire = manager.connect(EndpointId.parse("web1/eth0"), OutsideVtep.parse("vxlan:198.18.0.200/7"));
        assertTrue(manager.awaitApplied(APPLIED));
        String anchor = wire.outside().anchor();
        assertEquals(7, wire.id().vni());
        assertEquals(org.virtualwire.api.Health.UP, manager.status(wire.id()).health(), "reported by h1's agent: " + manager.status(wire.id()));
        handBuiltVtep(VTEP_NS, "198.18.0.200", anchor, "10.99.5.2");
        assertTrue(LocalLab.ping(VTEP_NS, "-c", "3", "-W", "2", "10.99.5.1"), "the outside VTEP reaches web1 on h1");
        assertTrue(LocalLab.ping(lab.guestNs("web1"), "-c", "1", "-W", "2", "10.99.5.2"), "and web1 it");

        handBuiltVtep(SPOOF_NS, "198.18.0.201", anchor, "10.99.5.3");
        long before = manager.counters(wire.id()).a().filtered();
        assertEquals(0, LocalLab.received(SPOOF_NS, "-c", "3", "-W", "1", "10.99.5.1"), "a spoofing VTEP gets nothing");
        assertTrue(manager.counters(wire.id()).a().filtered() >= before + 3, "its frames are counted as filtered");

        GuestId web1 = GuestId.of("web1");
        // the outside VTEP pings every 10 ms across the move: what it loses is printed, never asserted
        Process probe = new ProcessBuilder("ip", "netns", "exec", VTEP_NS, "ping", "-n", "-i", "0.01", "-w", "8",
                "10.99.5.1").redirectErrorStream(true).start();
        Thread.sleep(300);
        manager.prepare(web1, HostId.of("h2"));
        assertTrue(manager.awaitApplied(APPLIED));
        manager.dualHome(web1);
        assertTrue(manager.awaitApplied(APPLIED));
        Guest g = manager.guest(web1).orElseThrow();
        List<Endpoint> nics = manager.endpoints().stream().filter(e -> e.id().guest().equals(web1)).toList();
        lab.runtime().transfer(g, manager.host(HostId.of("h1")).orElseThrow(), manager.host(HostId.of("h2")).orElseThrow(),
                nics, Map.of());
        manager.activate(web1);
        assertTrue(manager.awaitApplied(APPLIED));
        manager.settle(web1);
        assertTrue(manager.awaitApplied(APPLIED));
        String summary = new String(probe.getInputStream().readAllBytes()).lines()
                .filter(l -> l.contains("packets transmitted")).findFirst().orElse("?");
        probe.waitFor();
        System.out.println("outside VTEP -> web1 every 10 ms while web1 moved h1 -> h2: " + summary);
        String h1Addrs = KERNEL.run(List.of("ip", "-n", lab.hostNs("h1"), "-4", "addr", "show"), null);
        String h2Addrs = KERNEL.run(List.of("ip", "-n", lab.hostNs("h2"), "-4", "addr", "show"), null);
        assertTrue(!h1Addrs.contains(anchor + "/32") && h2Addrs.contains(anchor + "/32"), "the anchor moved: " + h2Addrs);
        assertTrue(LocalLab.ping(VTEP_NS, "-c", "3", "-W", "2", "10.99.5.1"), "the outside VTEP reaches web1 on h2");
        assertEquals(0, LocalLab.received(SPOOF_NS, "-c", "2", "-W", "1", "10.99.5.1"), "the spoofing VTEP still does not");

        manager.disconnect(wire.id());
        assertTrue(manager.awaitApplied(APPLIED));
        assertTrue(!KERNEL.run(List.of("ip", "-n", lab.hostNs("h2"), "-4", "addr", "show"), null).contains(anchor + "/32"),
                "the anchor goes with its wire");
    }

    @Test
    void aRouterJoinsTwoSubnetsAndKeepsForwardingAfterItMoves() throws Exception {
        manager.batch(a -> {
            a.addGuest(GuestId.of("c1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("c2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addGuest(GuestId.of("r1"), GuestKind.ROUTER, HostId.of("h1"), null,
                    List.of(Route.parse("10.99.3.0/24 via 10.99.2.2")));
            a.addEndpoint(EndpointId.parse("c1/eth0"), null, "10.99.1.2/24", null, "10.99.1.1");
            a.addEndpoint(EndpointId.parse("c2/eth0"), null, "10.99.2.2/24", null, "10.99.2.1");
            a.addEndpoint(EndpointId.parse("r1/eth0"), null, "10.99.1.1/24", null);
            a.addEndpoint(EndpointId.parse("r1/eth1"), null, "10.99.2.1/24", null);
            a.connect(EndpointId.parse("c1/eth0"), EndpointId.parse("r1/eth0"));
            a.connect(EndpointId.parse("c2/eth0"), EndpointId.parse("r1/eth1"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
        // a loopback address behind c2, reached through the router's own route
        KERNEL.batch("ip", lab.guestNs("c2"), List.of("addr add 10.99.3.1/32 dev lo"));
        assertTrue(LocalLab.ping(lab.guestNs("c1"), "-c", "2", "-W", "2", "10.99.2.2"), "c1 reaches c2 through r1");
        assertTrue(LocalLab.ping(lab.guestNs("c1"), "-c", "2", "-W", "2", "10.99.3.1"), "and what r1 routes via c2");
        String r1Routes = KERNEL.run(List.of("ip", "-n", lab.guestNs("r1"), "-4", "route", "show", "proto", "122"), null);
        assertTrue(r1Routes.contains("10.99.3.0/24 via 10.99.2.2"), r1Routes);

        GuestId r1 = GuestId.of("r1");
        manager.prepare(r1, HostId.of("h2"));
        assertTrue(manager.awaitApplied(APPLIED));
        manager.dualHome(r1);
        assertTrue(manager.awaitApplied(APPLIED));
        Guest g = manager.guest(r1).orElseThrow();
        List<Endpoint> nics = manager.endpoints().stream().filter(e -> e.id().guest().equals(r1)).toList();
        lab.runtime().transfer(g, manager.host(HostId.of("h1")).orElseThrow(), manager.host(HostId.of("h2")).orElseThrow(),
                nics, Map.of());
        manager.activate(r1);
        assertTrue(manager.awaitApplied(APPLIED));
        manager.settle(r1);
        assertTrue(manager.awaitApplied(APPLIED));
        assertEquals(HostId.of("h2"), manager.guest(r1).orElseThrow().host());
        assertEquals(r1Routes, KERNEL.run(List.of("ip", "-n", lab.guestNs("r1"), "-4", "route", "show", "proto", "122"),
                null), "the router keeps its routes");
        assertTrue(LocalLab.ping(lab.guestNs("c1"), "-c", "2", "-W", "2", "10.99.3.1"), "c1 still reaches past r1 on h2");
    }
}
