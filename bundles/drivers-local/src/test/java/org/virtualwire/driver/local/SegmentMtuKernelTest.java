package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.LinuxKernel;
import org.virtualwire.host.linux.LinuxNames;

/**
 * The NICs of one switch, on real namespaces: a NIC of smaller MTU wired to the switch gives every NIC of the
 * segment its MTU, in the kernel too, NICs that exist already included (every device a frame crosses: the NIC,
 * its port, its link, the host-side device); a full-size frame then crosses the switch and one byte more is
 * refused at the sender ("message too long"), where before it vanished at the small NIC. Unwired, the segment
 * widens again and the kernel follows.
 */
class SegmentMtuKernelTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("vm");
    private static final Duration APPLIED = Duration.ofSeconds(30);
    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;

    @BeforeEach
    void start() {
        lab = new LocalLab(PREFIX, data);
        manager = lab.start();
        CloudId local = CloudId.of("local");
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), local, null);
            a.addHost(HostId.of("h2"), local, null);
            a.addGuest(GuestId.of("sw"), GuestKind.SWITCH, HostId.of("h1"));
            a.addGuest(GuestId.of("c1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("c2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addGuest(GuestId.of("c3"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(EndpointId.parse("c1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(EndpointId.parse("c2/eth0"), null, "10.99.0.2/24", null);
            a.addEndpoint(EndpointId.parse("c3/eth0"), null, "10.99.0.3/24", 1400); // the user's own, smaller
            for (String p : new String[] {"sw/p1", "sw/p2", "sw/p3"}) {
                a.addEndpoint(EndpointId.parse(p), null, null, null);
            }
            a.connect(EndpointId.parse("c1/eth0"), EndpointId.parse("sw/p1"));
            a.connect(EndpointId.parse("c2/eth0"), EndpointId.parse("sw/p2")); // across hosts: VXLAN
        });
        assertTrue(manager.awaitApplied(APPLIED));
    }

    @AfterEach
    void stop() {
        lab.stop();
    }

    @Test
    void aSwitchsNicsTakeTheSmallestMtuOfTheSegmentInTheKernelAndBack() throws Exception {
        assertKernelMatches(1450);
        assertEquals(3, pings("c1", "10.99.0.2", 1450 - 28), "full-size frames cross the switch");

        Wire narrow = manager.connect(EndpointId.parse("c3/eth0"), EndpointId.parse("sw/p3"));
        assertTrue(manager.awaitApplied(APPLIED));
        assertKernelMatches(1400);
        assertEquals(3, pings("c1", "10.99.0.2", 1400 - 28), "frames of the segment's MTU cross the switch");
        assertEquals(3, pings("c2", "10.99.0.3", 1400 - 28), "and reach the NIC of the smallest MTU");
        String over = tooBig("c2", "10.99.0.3", 1400 - 28 + 1);
        assertTrue(over.contains("message too long") || over.contains("Message too long"),
                "one byte more is refused at the sender, not lost on the way: " + over);

        manager.disconnect(narrow.id());
        assertTrue(manager.awaitApplied(APPLIED));
        assertKernelMatches(1450);
        assertEquals(3, pings("c1", "10.99.0.2", 1450 - 28), "the segment is wide again");
    }

    /**
     * Every NIC of the segment has the MTU wire-list shows, in the kernel: the NIC, its port, its links and
     * its host-side devices.
     */
    private void assertKernelMatches(int expected) throws KernelException {
        for (Wire w : manager.wires()) {
            int listed = Math.min(mtu(w.a()), mtu(w.b())); // what vw:wire-list shows
            assertEquals(expected, listed, "wire " + w.id());
        }
        for (String nic : new String[] {"c1/eth0", "c2/eth0", "sw/p1", "sw/p2", "sw/p3"}) {
            Endpoint e = manager.endpoint(EndpointId.parse(nic)).orElseThrow();
            if (manager.wireOf(e.id()).isEmpty()) {
                continue;
            }
            assertEquals(expected, e.mtu(), nic);
            Map<String, Integer> guest = mtus(lab.guestNs(e.id().guest().name()));
            assertEquals(expected, guest.get(e.id().nic()), nic + " in its guest: " + guest);
            assertEquals(expected, guest.get(LinuxNames.port(e)), nic + "'s port: " + guest);
            Host h = manager.host(manager.guest(e.id().guest()).orElseThrow().host()).orElseThrow();
            assertEquals(expected, guest.get(LinuxNames.link(e, h)), nic + "'s link: " + guest);
            Map<String, Integer> host = mtus(lab.hostNs(h.id().name()));
            assertEquals(expected, host.get(LinuxNames.nic(e)), nic + "'s host-side device: " + host);
        }
    }

    private int mtu(EndpointId e) {
        return manager.endpoint(e).orElseThrow().mtu();
    }

    private static Map<String, Integer> mtus(String ns) throws KernelException {
        Map<String, Integer> m = new HashMap<>();
        for (Link l : KERNEL.links(ns)) {
            m.put(l.name(), l.mtu());
        }
        return m;
    }

    private int pings(String guest, String ip, int size) {
        return LocalLab.received(lab.guestNs(guest), "-c", "3", "-i", "0.05", "-W", "2", "-q", "-M", "do", "-s",
                String.valueOf(size), ip);
    }

    private String tooBig(String guest, String ip, int size) {
        try {
            return KERNEL.exec(lab.guestNs(guest), "ping", "-c", "1", "-W", "1", "-M", "do", "-s",
                    String.valueOf(size), ip);
        } catch (KernelException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
