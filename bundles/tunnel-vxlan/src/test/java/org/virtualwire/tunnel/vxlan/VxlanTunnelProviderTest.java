package org.virtualwire.tunnel.vxlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import org.virtualwire.spi.linux.LinuxKernel;

/** The provider against a real namespace: it changes only the difference, and re-points in place. */
class VxlanTunnelProviderTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String NS = "vt" + ProcessHandle.current().pid() + "-tunnel"; // parallel runs never meet
    private final VxlanTunnelProvider provider = new VxlanTunnelProvider();

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        cleanup();
        KERNEL.run(List.of("ip", "netns", "add", NS), null);
        KERNEL.batch("ip", NS, List.of("link add ve1 type veth peer name pe1", "link add ve2 type veth peer name pe2",
                "link add ul0 type veth peer name ul1", "addr add 198.18.9.1/24 dev ul0", "link set ul0 up"));
    }

    @AfterEach
    void cleanup() throws Exception {
        if (KERNEL.netnsExists(NS)) {
            KERNEL.run(List.of("ip", "netns", "del", NS), null);
        }
    }

    private static TunnelPlan plan(WireEnd... ends) {
        return new TunnelPlan(HostId.of("h1"), NS, List.of(ends));
    }

    private static Map<String, Link> links() throws Exception {
        return KERNEL.links(NS).stream().collect(Collectors.toMap(Link::name, l -> l));
    }

    private static String filters(String dev) throws Exception {
        return KERNEL.run(List.of("tc", "-n", NS, "filter", "show", "dev", dev, "ingress"), null);
    }

    @Test
    void createsJoinsAndLeavesRightEndsUntouched() throws Exception {
        WireEnd end = new WireEnd(new WireId(0x800001), "ve1", "198.18.9.1", "198.18.9.2");
        provider.reconcile(plan(end));
        Link vx = links().get("vx8388609");
        assertEquals(8388609, vx.vni());
        assertEquals("198.18.9.2", vx.remote());
        assertTrue(filters("ve1").contains("Redirect to device vx8388609"), filters("ve1"));
        assertTrue(filters("vx8388609").contains("Redirect to device ve1"));

        provider.reconcile(plan(end)); // as after an agent restart
        assertEquals(vx.ifindex(), links().get("vx8388609").ifindex(), "a right wire end is not re-created");
    }

    @Test
    void aMovedPeerIsRePointedInPlace() throws Exception {
        provider.reconcile(plan(new WireEnd(new WireId(7), "ve1", "198.18.9.1", "198.18.9.2")));
        int index = links().get("vx7").ifindex();
        provider.reconcile(plan(new WireEnd(new WireId(7), "ve1", "198.18.9.1", "198.18.9.3")));
        assertEquals(index, links().get("vx7").ifindex(), "same device");
        assertEquals("198.18.9.3", links().get("vx7").remote());
    }

    @Test
    void endsNoLongerPlannedAndHalfMadeOnesAreReplaced() throws Exception {
        provider.reconcile(plan(new WireEnd(new WireId(7), "ve1", "198.18.9.1", "198.18.9.2"),
                new WireEnd(new WireId(8), "ve2", "198.18.9.1", "198.18.9.2")));
        KERNEL.batch("ip", NS, List.of("link add vx9 type vxlan id 9 remote 198.18.9.2 dstport 4789")); // a crash left it
        provider.reconcile(plan(new WireEnd(new WireId(9), "ve2", "198.18.9.1", "198.18.9.2")));
        Map<String, Link> links = links();
        assertFalse(links.containsKey("vx7"));
        assertFalse(links.containsKey("vx8"));
        assertTrue(links.get("vx9").alias().startsWith("vw:wire=9 "), "finished: " + links.get("vx9").alias());
        assertTrue(filters("ve2").contains("Redirect to device vx9"));
        provider.reconcile(plan());
        assertFalse(links().containsKey("vx9"), "the last end goes too");
    }
}
