package org.virtualwire.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.Route;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * A guest's routes in a real namespace (the guest's, named as the runtime names it, with two NICs made by hand):
 * made after its NICs, left alone when right, changed and removed with the plan; the kernel's own routes and
 * anyone else's stay; a next hop the kernel cannot reach is refused with its words.
 */
class GuestRoutesSetupTest {
    private static final Kernel KERNEL = new LinuxKernel();
    private static final LinuxNames NAMES = new LinuxNames("vr" + ProcessHandle.current().pid() + "-");
    private static final GuestId R1 = GuestId.of("r1");
    private static final String NS = NAMES.guest(R1);

    private final GuestRoutesSetup routes = new GuestRoutesSetup(NAMES, KERNEL);

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        KERNEL.run(List.of("ip", "netns", "add", NS), null);
        KERNEL.batch("ip", NS, List.of("link add eth0 type veth peer name p0", "link add eth1 type veth peer name p1",
                "addr add 10.99.1.1/24 dev eth0", "addr add 10.99.2.1/24 dev eth1",
                "link set eth0 up", "link set eth1 up", "link set p0 up", "link set p1 up",
                "route add 10.99.7.0/24 via 10.99.2.9"));
    }

    @AfterEach
    void remove() throws Exception {
        if (KERNEL.netnsExists(NS)) {
            KERNEL.deleteNetns(NS);
        }
    }

    private static Endpoint nic(String name, String ip, int slot, String gateway) {
        return new Endpoint(new EndpointId(R1, name), MacAddress.local(slot), Ipv4Prefix.parse(ip), 1450, slot, null, gateway);
    }

    private static GuestPlan router(List<Route> routes, String gateway) {
        return new GuestPlan(new Guest(R1, GuestKind.ROUTER, HostId.of("h1"), null, routes),
                List.of(nic("eth0", "10.99.1.1/24", 1, gateway), nic("eth1", "10.99.2.1/24", 2, null)));
    }

    private static String table() throws KernelException {
        return KERNEL.run(List.of("ip", "-n", NS, "-4", "route", "show"), null);
    }

    @Test
    void routesFollowThePlanAndLeaveOthersAlone() throws Exception {
        GuestPlan plan = router(List.of(Route.parse("10.99.3.0/24 via 10.99.2.2")), "10.99.1.254");
        assertTrue(GuestRoutesSetup.routed(plan));
        routes.reconcile(plan);
        String t = table();
        assertTrue(t.contains("default via 10.99.1.254 dev eth0 proto 122"), t);
        assertTrue(t.contains("10.99.3.0/24 via 10.99.2.2 dev eth1 proto 122"), t);
        routes.reconcile(plan);
        assertEquals(t, table(), "right as it is: nothing changes");

        routes.reconcile(router(List.of(Route.parse("10.99.4.0/24 via 10.99.2.3")), null));
        t = table();
        assertTrue(!t.contains("default") && !t.contains("10.99.3.0/24") && t.contains("10.99.4.0/24 via 10.99.2.3"), t);
        assertTrue(t.contains("10.99.1.0/24 dev eth0 proto kernel") && t.contains("10.99.7.0/24 via 10.99.2.9"),
                "the kernel's and others' routes stay: " + t);
    }

    @Test
    void aNextHopTheKernelCannotReachIsRefused() {
        KernelException e = assertThrows(KernelException.class,
                () -> routes.reconcile(router(List.of(Route.parse("10.99.3.0/24 via 10.99.8.2")), null)));
        assertTrue(e.getMessage().toLowerCase().contains("gateway") || e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void guestsWithoutRoutesOrArrivingOnesAreNotItsBusiness() {
        GuestPlan none = router(List.of(), null);
        assertTrue(!GuestRoutesSetup.routed(none));
        GuestPlan arriving = new GuestPlan(router(List.of(), "10.99.1.254").guest(),
                router(List.of(), "10.99.1.254").endpoints(), true);
        assertTrue(!GuestRoutesSetup.routed(arriving));
    }
}
