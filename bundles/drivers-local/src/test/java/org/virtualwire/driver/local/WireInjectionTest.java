package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * Another machine on a cloud's underlay cannot put frames on a wire (issue 18's "any machine on the underlay
 * can inject into any wire": a hand-made VXLAN device at 198.18.0.200 with the wire's VNI reached the guest):
 * its frames are dropped at the host and counted in the wire's counters, before, during and after a migration
 * of the far guest, while the wire itself keeps carrying pings, from both hosts while dual-homed. After the
 * move, the wire end's VXLAN device names the new host as its remote.
 */
class WireInjectionTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("vt"); // parallel runs never meet
    // not under the lab's prefix: its sweeper removes every namespace of the prefix that nothing desired uses
    private static final String STRANGER = LocalLab.prefix("vx") + "stranger";
    private static final Duration APPLIED = Duration.ofSeconds(30);
    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;
    private Wire wire;

    @BeforeEach
    void start() throws Exception {
        lab = new LocalLab(PREFIX, data);
        manager = lab.start();
        CloudId local = CloudId.of("local");
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), local, "198.18.0.1");
            a.addHost(HostId.of("h2"), local, "198.18.0.2");
            a.addHost(HostId.of("h3"), local, "198.18.0.3");
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
            a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
        wire = manager.wireOf(EndpointId.parse("web1/eth0")).orElseThrow();
        // the stranger: a machine on the underlay with the wire's VNI, as in the report
        String underlay = new LocalNames(PREFIX).underlay(local);
        KERNEL.run(List.of("ip", "netns", "add", STRANGER), null);
        KERNEL.exec(STRANGER, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1");
        KERNEL.batch("ip", underlay, List.of("link add us0 type veth peer name ul0 netns " + STRANGER,
                "link set us0 master " + LocalNames.UNDERLAY_BRIDGE, "link set us0 up"));
        KERNEL.batch("ip", STRANGER, List.of("addr add 198.18.0.200/16 dev ul0", "link set ul0 up"));
    }

    @AfterEach
    void stop() throws Exception {
        if (KERNEL.netnsExists(STRANGER)) {
            KERNEL.run(List.of("ip", "netns", "del", STRANGER), null);
        }
        lab.stop();
    }

    /** The stranger speaks the wire's VNI to a host, as 10.99.0.3. */
    private void aim(String hostAddress) throws Exception {
        KERNEL.batchTolerant("ip", STRANGER, List.of("link del vxs"));
        KERNEL.batch("ip", STRANGER, List.of("link add vxs type vxlan id " + wire.id().vni()
                + " local 198.18.0.200 remote " + hostAddress + " dstport 4789", "addr add 10.99.0.3/24 dev vxs",
                "link set vxs up"));
    }

    /** The stranger's frames reach neither guest (neither learnt its address from its ARP) and are counted. */
    private void refused(String target, String guest, boolean endA) throws Exception {
        long before = filtered(endA);
        assertFalse(LocalLab.ping(STRANGER, "-c", "3", "-i", "0.2", "-W", "1", target), "the stranger got an answer");
        assertEquals("", KERNEL.exec(lab.guestNs(guest), "ip", "neigh", "show", "10.99.0.3").strip(),
                "the stranger's ARP requests reached " + guest);
        assertTrue(filtered(endA) > before, "counted at " + guest + "'s end: " + manager.counters(wire.id()));
    }

    private long filtered(boolean endA) {
        WireCounters c = manager.counters(wire.id());
        EndCounters end = endA ? c.a() : c.b();
        return end.filtered();
    }

    private boolean endAIs(String guest) {
        return wire.a().guest().equals(GuestId.of(guest));
    }

    private boolean carries() {
        return LocalLab.ping(lab.guestNs("web1"), "-c", "1", "-i", "0.2", "-w", "10", "10.99.0.2");
    }

    @Test
    void aStrangerOnTheUnderlayCannotInjectBeforeDuringOrAfterAMove() throws Exception {
        assertTrue(carries());
        aim("198.18.0.2");
        refused("10.99.0.2", "web2", endAIs("web2"));
        assertTrue(carries(), "the wire still carries a ping");

        GuestId web2 = GuestId.of("web2");
        manager.prepare(web2, HostId.of("h3"));
        assertTrue(manager.awaitApplied(APPLIED));
        manager.dualHome(web2);
        assertTrue(manager.awaitApplied(APPLIED));
        aim("198.18.0.1"); // web1's end now takes frames from h2 and h3, and still not from the stranger
        refused("10.99.0.1", "web1", endAIs("web1"));
        assertTrue(carries(), "from h2 while dual-homed");
        Guest g = manager.guest(web2).orElseThrow();
        lab.runtime().transfer(g, manager.host(HostId.of("h2")).orElseThrow(),
                manager.host(HostId.of("h3")).orElseThrow(),
                manager.endpoints().stream().filter(e -> e.id().guest().equals(web2)).toList(), Map.of());
        manager.activate(web2);
        assertTrue(manager.awaitApplied(APPLIED));
        assertTrue(carries(), "from h3 while dual-homed");
        manager.settle(web2);
        assertTrue(manager.awaitApplied(APPLIED));
        assertTrue(carries(), "from h3 after the move");
        aim("198.18.0.1"); // afresh: no neighbour entry left failed by the last try
        refused("10.99.0.1", "web1", endAIs("web1"));

        Link vx = KERNEL.links(lab.hostNs("h1")).stream().filter(l -> l.name().equals("vx" + wire.id().vni()))
                .findFirst().orElseThrow();
        assertEquals("198.18.0.3", vx.remote(), "ip -d link on h1 names the host web2 moved to");
    }
}
