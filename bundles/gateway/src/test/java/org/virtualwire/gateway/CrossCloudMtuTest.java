package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.driver.local.LocalLab;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * Issue 18's MTU blackhole, everything real (namespaces, kernel VXLAN, the gateways' relays): a switch with two
 * containers in cloud a (underlay 1500, NICs 1450) moves into cloud b (underlay 1400): its wires now cross the
 * clouds and carry 1350 bytes, and the NICs follow in the kernel, the containers' that did not move too. A frame
 * of 1350 bytes crosses from one container through the switch to the other; one byte more is refused at the
 * sender. Back in cloud a, the NICs are 1450 again. Before, the kernel kept 1450 while wire-list said 1350, and
 * the frames between vanished with no ICMP error.
 */
class CrossCloudMtuTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("vu");
    private static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final List<String> SEGMENT = List.of("c1/eth0", "c2/eth0", "sw/p1", "sw/p2");
    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;
    private LocalGateways gateways;

    @BeforeEach
    void start() throws Exception {
        gateways = new LocalGateways(Map.of(), SECRET);
        lab = new LocalLab(PREFIX, data, m -> m.addGateway(gateways));
        manager = lab.start();
        lab.twoClouds(Map.of("mtu", "1400"));
        manager.batch(a -> {
            a.addGuest(GuestId.of("sw"), GuestKind.SWITCH, HostId.of("ha"));
            a.addGuest(GuestId.of("c1"), GuestKind.CONTAINER, HostId.of("ha"));
            a.addGuest(GuestId.of("c2"), GuestKind.CONTAINER, HostId.of("ha"));
            a.addEndpoint(EndpointId.parse("c1/eth0"), null, "10.99.1.1/24", null);
            a.addEndpoint(EndpointId.parse("c2/eth0"), null, "10.99.1.2/24", null);
            a.addEndpoint(EndpointId.parse("sw/p1"), null, null, null);
            a.addEndpoint(EndpointId.parse("sw/p2"), null, null, null);
            a.connect(EndpointId.parse("c1/eth0"), EndpointId.parse("sw/p1"));
            a.connect(EndpointId.parse("c2/eth0"), EndpointId.parse("sw/p2"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
    }

    @AfterEach
    void stop() {
        lab.stopManager();
        if (gateways != null) {
            gateways.deactivate();
        }
        lab.stop();
    }

    @Test
    void theNicsFollowASwitchIntoANarrowCloudAndBack() throws Exception {
        assertKernelMatches(1450);
        assertEquals(3, pings(1450 - 28), "full-size frames cross the switch in cloud a");

        migrate("sw", "hb");
        assertKernelMatches(1350);
        assertEquals(3, pings(1350 - 28), "frames of the new MTU cross both gateways, the switch in cloud b between");
        String over = tooBig(1350 - 28 + 1);
        assertTrue(over.contains("message too long") || over.contains("Message too long"),
                "one byte more is refused at the sender, not lost on the way: " + over);

        migrate("sw", "ha");
        assertKernelMatches(1450);
        assertEquals(3, pings(1450 - 28), "back in cloud a, full-size frames again");
    }

    private void migrate(String guest, String to) throws Exception {
        GuestId id = GuestId.of(guest);
        manager.prepare(id, HostId.of(to));
        assertTrue(manager.awaitApplied(APPLIED));
        manager.dualHome(id);
        assertTrue(manager.awaitApplied(APPLIED));
        Guest g = manager.guest(id).orElseThrow();
        List<Endpoint> nics = manager.endpoints().stream().filter(e -> e.id().guest().equals(id)).toList();
        lab.runtime().transfer(g, host(g.host()), host(HostId.of(to)), nics, Map.of());
        manager.activate(id);
        assertTrue(manager.awaitApplied(APPLIED));
        manager.settle(id);
        assertTrue(manager.awaitApplied(APPLIED));
    }

    private Host host(HostId id) {
        return manager.host(id).orElseThrow();
    }

    /** What wire-list shows, the desired NICs and every device of them in the kernel agree. */
    private void assertKernelMatches(int expected) throws KernelException {
        for (String nic : SEGMENT) {
            Wire w = manager.wireOf(EndpointId.parse(nic)).orElseThrow();
            int listed = Math.min(mtu(w.a()), mtu(w.b())); // vw:wire-list's MTU column
            assertEquals(expected, listed, "wire-list, wire " + w.id());
            Endpoint e = manager.endpoint(EndpointId.parse(nic)).orElseThrow();
            assertEquals(expected, e.mtu(), nic);
            // every device of the guest's namespace: its NICs, their ports and links (and the switch's bridge)
            for (Link l : KERNEL.links(lab.guestNs(e.id().guest().name()))) {
                if (!l.name().equals("lo")) {
                    assertEquals(expected, l.mtu(), nic + ": " + l.name() + " in " + e.id().guest());
                }
            }
            String on = manager.guest(e.id().guest()).orElseThrow().host().name();
            Link device = KERNEL.links(lab.hostNs(on)).stream().filter(l -> l.name().equals("ve" + e.slot()))
                    .findFirst().orElseThrow();
            assertEquals(expected, device.mtu(), nic + "'s host-side device on " + on);
        }
    }

    private int mtu(EndpointId e) {
        return manager.endpoint(e).orElseThrow().mtu();
    }

    private int pings(int size) {
        return LocalLab.received(lab.guestNs("c1"), "-c", "3", "-i", "0.05", "-W", "2", "-q", "-M", "do", "-s",
                String.valueOf(size), "10.99.1.2");
    }

    private String tooBig(int size) {
        try {
            return KERNEL.exec(lab.guestNs("c1"), "ping", "-c", "1", "-W", "1", "-M", "do", "-s", String.valueOf(size),
                    "10.99.1.2");
        } catch (KernelException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
