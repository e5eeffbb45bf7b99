package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireEnd;

/** Which hosts plan a moving guest, and where its wire ends send. */
class AgentPlanTest {
    private static final CloudId LOCAL = CloudId.of("local");
    private static final HostId H1 = HostId.of("h1");
    private static final HostId H2 = HostId.of("h2");
    private static final HostId H3 = HostId.of("h3");

    /** web1 on h1 wired to g (container or VM) that moves from h2 to h3, in the given phase. */
    private static Topology moving(GuestKind kind, Move.Phase phase) {
        Map<HostId, Host> hosts = new TreeMap<>();
        int n = 1;
        for (HostId h : List.of(H1, H2, H3)) {
            hosts.put(h, new Host(h, LOCAL, "198.18.0." + n++));
        }
        GuestId g = GuestId.of("g");
        HostId at = phase == Move.Phase.ACTIVE ? H3 : H2;
        Map<GuestId, Guest> guests = Map.of(GuestId.of("web1"), new Guest(GuestId.of("web1"), GuestKind.CONTAINER, H1),
                g, new Guest(g, kind, at));
        EndpointId a = EndpointId.parse("web1/eth0");
        EndpointId b = EndpointId.parse("g/eth0");
        Map<EndpointId, Endpoint> endpoints = Map.of(a, new Endpoint(a, MacAddress.local(1), null, 1450, 1),
                b, new Endpoint(b, MacAddress.local(2), null, 1450, 2));
        Map<WireId, Wire> wires = Map.of(new WireId(7), new Wire(new WireId(7), a, b, "vxlan"));
        return new Topology(5, Map.of(LOCAL, new Cloud(LOCAL, "local", Map.of())), hosts, guests, endpoints, wires,
                Map.of(g, new Move(g, H2, H3, phase)));
    }

    private static AgentPlan plan(Topology t, HostId host) {
        return AgentPlan.of(t, t.hosts().get(host), new FakeCloudDriver(), new FakeCloudDriver(), List.of("vxlan"));
    }

    private static List<GuestPlan> guests(Topology t, HostId host) {
        return plan(t, host).host().guests();
    }

    @Test
    void aContainersSourceKeepsItUntilTheMoveSettles() {
        Topology t = moving(GuestKind.CONTAINER, Move.Phase.ACTIVE);
        assertEquals(List.of(new GuestPlan(t.guests().get(GuestId.of("g")), t.endpointsOf(GuestId.of("g")), true)),
                guests(t, H2), "the source keeps the container, not running it");
        List<WireEnd> ends = plan(t, H2).tunnels().get("vxlan").ends();
        assertEquals(1, ends.size(), "the source keeps its wire end: " + ends);
        assertEquals(List.of("198.18.0.1"), ends.get(0).remoteAddresses());
        List<WireEnd> peer = plan(t, H1).tunnels().get("vxlan").ends();
        assertEquals(List.of("198.18.0.3", "198.18.0.2"), peer.get(0).remoteAddresses(), "peers still send to both");
    }

    @Test
    void aVmsSourceHasNothingLeftOnceActive() {
        Topology t = moving(GuestKind.VM, Move.Phase.ACTIVE);
        assertEquals(List.of(), guests(t, H2));
        assertTrue(plan(t, H2).tunnels().get("vxlan").ends().isEmpty());
    }

    @Test
    void theDestinationPreparesAndTheSourceRunsUntilActivation() {
        Topology t = moving(GuestKind.CONTAINER, Move.Phase.DUAL_HOME);
        assertEquals(1, guests(t, H3).size());
        assertTrue(guests(t, H3).get(0).incoming(), "arriving at h3");
        assertEquals(1, guests(t, H2).size());
        assertTrue(!guests(t, H2).get(0).incoming(), "running at h2");
    }

    /** g/eth0 wired to an outside VTEP (anchor 198.18.0.50) while g moves from h2 to h3 in the given phase. */
    private static Topology outside(Move.Phase phase) {
        Topology t = moving(GuestKind.CONTAINER, phase);
        EndpointId b = EndpointId.parse("g/eth0");
        Wire w = new Wire(new WireId(7), b, null, "vxlan",
                new org.virtualwire.api.OutsideVtep("198.18.0.200", 7, "198.18.0.50"));
        return new Topology(6, t.clouds(), t.hosts(), t.guests(), t.endpoints(), Map.of(w.id(), w), t.moves());
    }

    @Test
    void anOutsideWireSendsFromItsAnchorWhichOnlyTheHostRunningTheGuestHolds() {
        for (Move.Phase phase : List.of(Move.Phase.DUAL_HOME, Move.Phase.ACTIVE)) {
            Topology t = outside(phase);
            HostId runs = phase == Move.Phase.ACTIVE ? H3 : H2;
            for (HostId h : List.of(H2, H3)) {
                List<WireEnd> ends = plan(t, h).tunnels().get("vxlan").ends();
                assertEquals(1, ends.size(), phase + " " + h + ": " + ends);
                WireEnd e = ends.get(0);
                assertEquals(List.of("198.18.0.200"), e.remoteAddresses(), "frames go to (and come only from) the VTEP");
                assertEquals("198.18.0.50", e.localAddress(), "sent from the anchor");
                assertEquals(h.equals(runs) ? "198.18.0.50" : null, e.anchor(), phase + ": " + h + " holds the anchor?");
            }
            assertTrue(plan(t, H1).tunnels().get("vxlan").ends().isEmpty(), "h1 has nothing of it");
        }
    }
}
