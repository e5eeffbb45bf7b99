package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.gateway.GatewayHop;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayRoute;

/** Routes through gateways: host, own gateway, remote gateway, host; and both ways while a guest moves. */
class GatewayPlansTest {
    private static final CloudId A = CloudId.of("a");
    private static final CloudId B = CloudId.of("b");
    private static final Host HA = new Host(HostId.of("ha"), A, "198.18.1.1");
    private static final Host HA2 = new Host(HostId.of("ha2"), A, "198.18.1.2");
    private static final Host GA = new Host(HostId.of("ga"), A, "198.18.1.254", "198.19.0.1");
    private static final Host HB = new Host(HostId.of("hb"), B, "198.18.2.1");
    private static final Host GB = new Host(HostId.of("gb"), B, "198.18.2.254", "198.19.0.2");
    private static final WireId W = new WireId(7);
    private final FakeCloudDriver driver = new FakeCloudDriver();

    private static Topology topology(Map<GuestId, Move> moves, Host... hosts) {
        Map<HostId, Host> hs = new HashMap<>();
        for (Host h : hosts) {
            hs.put(h.id(), h);
        }
        Guest x = new Guest(GuestId.of("x"), GuestKind.CONTAINER, HA.id());
        Guest y = new Guest(GuestId.of("y"), GuestKind.CONTAINER, HB.id());
        Endpoint ex = new Endpoint(EndpointId.parse("x/eth0"), MacAddress.local(1), null, 1400, 1);
        Endpoint ey = new Endpoint(EndpointId.parse("y/eth0"), MacAddress.local(2), null, 1400, 2);
        return new Topology(3, Map.of(A, new Cloud(A, "fake", Map.of()), B, new Cloud(B, "fake", Map.of())), hs,
                Map.of(x.id(), x, y.id(), y), Map.of(ex.id(), ex, ey.id(), ey),
                Map.of(W, new Wire(W, ex.id(), ey.id(), "vxlan")), moves);
    }

    private static GatewayRoute route(GatewayHop from, GatewayHop... to) {
        return new GatewayRoute(W, from, List.of(to));
    }

    private WireEnd end(Topology t, Host h) {
        List<WireEnd> ends = AgentPlan.of(t, h, driver, driver, Set.of("vxlan")).tunnels().get("vxlan").ends();
        assertEquals(1, ends.size(), "one end of the one wire on " + h.id());
        return ends.get(0);
    }

    @Test
    void aWireBetweenCloudsGoesThroughBothGateways() {
        Topology t = topology(Map.of(), HA, GA, HB, GB);
        assertEquals(List.of(GA.underlayAddress()), end(t, HA).remoteAddresses(), "a host sends to its own gateway");
        assertEquals(List.of(GB.underlayAddress()), end(t, HB).remoteAddresses());
        GatewayPlan a = AgentPlan.of(t, GA, driver, driver, Set.of("vxlan")).gateway();
        assertEquals(List.of(new GatewayPeer(GB.publicAddress(), GatewayPlans.PUBLIC_PORT, true)), a.peers());
        assertEquals(Set.of(
                route(GatewayHop.host(HA.underlayAddress()), GatewayHop.gateway(GB.publicAddress())),
                route(GatewayHop.gateway(GB.publicAddress()), GatewayHop.host(HA.underlayAddress()))),
                Set.copyOf(a.routes()));
        assertTrue(AgentPlan.of(t, GA, driver, driver, Set.of("vxlan")).tunnels().get("vxlan").ends().isEmpty(),
                "a gateway has no wire ends of its own");
        assertNull(AgentPlan.of(t, HA, driver, driver, Set.of("vxlan")).gateway());
    }

    @Test
    void aGuestMovingBetweenCloudsIsReachedAtBothHostsThroughTheGateways() {
        // x moves from ha (cloud a) to hb... no: y moves from hb (cloud b) to ha2 (cloud a), dual-homed
        Move move = new Move(GuestId.of("y"), HB.id(), HA2.id(), Move.Phase.DUAL_HOME);
        Topology t = topology(Map.of(GuestId.of("y"), move), HA, HA2, GA, HB, GB);
        assertEquals(List.of(GA.underlayAddress(), HA2.underlayAddress()), end(t, HA).remoteAddresses(),
                "x sends to y's old host through its gateway and to its new host directly");
        GatewayPlan b = AgentPlan.of(t, GB, driver, driver, Set.of("vxlan")).gateway();
        assertEquals(Set.of(
                route(GatewayHop.gateway(GA.publicAddress()), GatewayHop.host(HB.underlayAddress())),
                route(GatewayHop.host(HB.underlayAddress()), GatewayHop.gateway(GA.publicAddress()))),
                Set.copyOf(b.routes()));
        GatewayPlan a = AgentPlan.of(t, GA, driver, driver, Set.of("vxlan")).gateway();
        assertEquals(Set.of(
                route(GatewayHop.host(HA.underlayAddress()), GatewayHop.gateway(GB.publicAddress())),
                route(GatewayHop.gateway(GB.publicAddress()), GatewayHop.host(HA.underlayAddress()))),
                Set.copyOf(a.routes()), "y's frames from its old host reach x; y arriving in cloud a needs no gateway");
    }

    @Test
    void withinOneCloudNoGatewayIsUsed() {
        Topology t = topology(Map.of(), HA, GA, HB, GB);
        Topology same = new Topology(4, t.clouds(), t.hosts(), Map.of(
                GuestId.of("x"), new Guest(GuestId.of("x"), GuestKind.CONTAINER, HA.id()),
                GuestId.of("y"), new Guest(GuestId.of("y"), GuestKind.CONTAINER, HA2.id())),
                t.endpoints(), t.wires(), Map.of());
        Map<HostId, Host> hosts = new HashMap<>(same.hosts());
        hosts.put(HA2.id(), HA2);
        same = new Topology(4, same.clouds(), hosts, same.guests(), same.endpoints(), same.wires(), Map.of());
        assertEquals(List.of(HA2.underlayAddress()), end(same, HA).remoteAddresses());
        assertTrue(AgentPlan.of(same, GA, driver, driver, Set.of("vxlan")).gateway().routes().isEmpty());
    }
}
