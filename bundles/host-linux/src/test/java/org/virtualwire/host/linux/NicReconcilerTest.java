package org.virtualwire.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.testing.RecordingKernel;

/**
 * NIC passes against the recording kernel, without namespaces: what a pass sends, that a finished pass leaves
 * nothing to do, and that a guest the kernel refuses fails alone (the namespace tests check the same for real).
 */
class NicReconcilerTest {
    private static final LinuxNames NAMES = new LinuxNames("t-");
    private static final Host H1 = new Host(HostId.of("h1"), CloudId.of("local"), "198.18.0.1");

    private final RecordingKernel kernel = new RecordingKernel().addNetns(NAMES.host(H1.id()));
    private final NicReconciler nics = new NicReconciler(NAMES, new GuestSetup(NAMES, kernel),
            new LinkRelease(NAMES, kernel), kernel);

    private static Endpoint nic(String id, int slot) {
        return new Endpoint(EndpointId.parse(id), MacAddress.local(slot), Ipv4Prefix.parse("10.99.0." + slot + "/24"),
                1450, slot);
    }

    private static GuestPlan container(String name, Endpoint... nics) {
        return new GuestPlan(new Guest(GuestId.of(name), GuestKind.CONTAINER, H1.id()), List.of(nics));
    }

    private static HostPlan plan(GuestPlan... guests) {
        return new HostPlan(H1, null, List.of(guests), List.of());
    }

    private Set<String> pass(HostPlan plan, Map<GuestId, String> failed) throws KernelException {
        return nics.reconcile(plan, failed);
    }

    @Test
    void aNewNicIsMadeInTheGuestAndMarkedLastThenLeftAlone() throws KernelException {
        Endpoint eth0 = nic("web1/eth0", 3);
        String device = LinuxNames.nic(eth0);
        Map<GuestId, String> failed = new HashMap<>();
        assertEquals(Set.of(device), pass(plan(container("web1", eth0)), failed));
        assertEquals(Map.of(), failed);
        String guestNs = NAMES.guest(GuestId.of("web1"));
        assertTrue(kernel.netnsExists(guestNs), "the guest's namespace was made");
        List<String> host = kernel.lines("ip", NAMES.host(H1.id()));
        assertTrue(host.get(0).startsWith("link add " + device + " mtu 1450 up type veth peer name "), host.toString());
        assertTrue(host.get(host.size() - 1).startsWith("link set dev " + device + " alias "), "marked last: " + host);
        assertTrue(kernel.lines("ip", guestNs).stream().anyMatch(l -> l.startsWith("link add eth0 ")),
                kernel.lines("ip", guestNs).toString());
        assertNotNull(kernel.link(guestNs, "eth0"));

        kernel.clearCalls();
        assertEquals(Set.of(), pass(plan(container("web1", eth0)), failed));
        assertEquals(List.of(), kernel.calls(), "a finished NIC is not touched");
    }

    @Test
    void aNicNoLongerPlannedGoes() throws KernelException {
        Endpoint eth0 = nic("web1/eth0", 3);
        pass(plan(container("web1", eth0)), new HashMap<>());
        kernel.clearCalls();
        pass(plan(container("web1")), new HashMap<>());
        assertNull(kernel.link(NAMES.host(H1.id()), LinuxNames.nic(eth0)));
        assertTrue(kernel.lines("ip", NAMES.host(H1.id())).contains("link del group 77"));
    }

    @Test
    void aGuestTheKernelRefusesFailsAloneAndIsLeftUnfinished() throws KernelException {
        Endpoint web = nic("web1/eth0", 3);
        Endpoint db = nic("db1/eth0", 4);
        kernel.failOn("address " + db.mac()); // db1's NIC cannot be made in its namespace
        Map<GuestId, String> failed = new HashMap<>();
        pass(plan(container("web1", web), container("db1", db)), failed);
        assertEquals(Set.of(GuestId.of("db1")), failed.keySet());
        String hostNs = NAMES.host(H1.id());
        assertTrue(kernel.link(hostNs, LinuxNames.nic(web)).alias().contains("web1/eth0"), "web1 is finished");
        assertEquals("", kernel.link(hostNs, LinuxNames.nic(db)).alias(), "db1's device has no alias: made again next");
    }
}
