package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.virtualwire.gateway.LoopbackPair.A1;
import static org.virtualwire.gateway.LoopbackPair.A_PRIVATE;
import static org.virtualwire.gateway.LoopbackPair.A_PUBLIC;
import static org.virtualwire.gateway.LoopbackPair.B1;
import static org.virtualwire.gateway.LoopbackPair.B_PUBLIC;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.gateway.GatewayHop;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayPlanner;
import org.virtualwire.spi.gateway.GatewayRoute;
import org.virtualwire.testing.InMemoryStore;

/**
 * A's table comes from the store through a planner: it follows each commit, and a restarted A rebuilds it from
 * the store alone, so every wire crosses again without anyone re-sending a plan.
 */
class GatewayRestartTest {

    @Test
    void theTableFollowsTheStoreAndARestartedGatewayRebuildsIt() throws Exception {
        try (LoopbackPair pair = new LoopbackPair("AES-GCM", false, "epoll")) {
            InMemoryStore store = new InMemoryStore();
            GatewayPeer b = pair.peerB(true);
            GatewayPlanner planner = (topology, cloud) -> plan(topology, cloud, b);
            pair.b.apply(new GatewayPlan(1, List.of(pair.peerA(true)), List.of(
                    Plans.route(101, GatewayHop.gateway(A_PUBLIC), GatewayHop.host(B1)),
                    Plans.route(102, GatewayHop.gateway(A_PUBLIC), GatewayHop.host(B1)))));

            TableFeeder feeder = new TableFeeder(store, planner, new CloudId("a"), pair.a);
            feeder.start();
            commit(store, 101);
            assertEquals(1, pair.a.tableRevision());
            assertCrosses(pair, 101);
            commit(store, 101, 102);
            assertEquals(2, pair.a.tableRevision());
            assertCrosses(pair, 102);

            // restart: the same configuration, a new run that knows nothing but the store
            Map<String, Object> config = new HashMap<>(pair.config("a", A_PRIVATE, A_PUBLIC, B_PUBLIC,
                    pair.b1.address().getPort(), "AES-GCM", false, "epoll"));
            config.put("private.port", String.valueOf(pair.aPrivate().getPort()));
            config.put("public.port", String.valueOf(pair.a.relay().peerSideAddress().getPort()));
            feeder.stop();
            pair.a.close();
            assertEquals(0, store.listeners(), "the stopped feeder no longer listens");
            try (Gateway restarted = new Gateway(GatewaySettings.from(config)).start()) {
                TableFeeder again = new TableFeeder(store, planner, new CloudId("a"), restarted);
                again.start();
                assertEquals(2, restarted.tableRevision(), "rebuilt from the store");
                assertCrosses(pair, 101);
                assertCrosses(pair, 102);
                again.stop();
            }
        }
    }

    @Test
    void withoutAPlannerTheTableStaysAndAPlannerThatComesGetsTheCurrentState() throws Exception {
        try (LoopbackPair pair = new LoopbackPair("AES-GCM", false, "epoll")) {
            InMemoryStore store = new InMemoryStore();
            GatewayPeer b = pair.peerB(true);
            pair.b.apply(new GatewayPlan(1, List.of(pair.peerA(true)), List.of(
                    Plans.route(101, GatewayHop.gateway(A_PUBLIC), GatewayHop.host(B1)))));
            TableFeeder feeder = new TableFeeder(store, null, new CloudId("a"), pair.a);
            feeder.start();
            commit(store, 101);
            assertEquals(-1, pair.a.tableRevision(), "no planner: nothing applied");
            feeder.planner((topology, cloud) -> plan(topology, cloud, b));
            assertEquals(1, pair.a.tableRevision(), "the planner's first plan is the current state's");
            assertCrosses(pair, 101);
            feeder.planner(null);
            commit(store, 101, 102);
            assertEquals(1, pair.a.tableRevision(), "the planner left: the table stays");
            assertCrosses(pair, 101);
            feeder.stop();
        }
    }

    private static void assertCrosses(LoopbackPair pair, int vni) throws Exception {
        byte[] frame = TestHost.vxlan(vni, vni, 120);
        pair.a1.send(frame, pair.aPrivate());
        assertArrayEquals(frame, pair.b1.next(10), "wire " + vni + " crosses");
    }

    /** Each commit gives the wires listed, all between a1 (cloud a) and b1 (cloud b). */
    private static void commit(InMemoryStore store, int... vnis) {
        Topology before = store.current();
        Map<WireId, Wire> wires = new HashMap<>();
        for (int vni : vnis) {
            wires.put(new WireId(vni), new Wire(new WireId(vni), EndpointId.parse("x" + vni + "/eth0"),
                    EndpointId.parse("y" + vni + "/eth0"), "vxlan"));
        }
        store.commit(before, new Topology(before.revision() + 1, Map.of(), Map.of(), Map.of(), Map.of(), wires));
    }

    /** A stand-in for the multi-cloud planner: every wire runs between a1 and the peer gateway. */
    private static GatewayPlan plan(Topology topology, CloudId cloud, GatewayPeer peer) {
        List<GatewayRoute> routes = new ArrayList<>();
        for (WireId w : topology.wires().keySet()) {
            routes.add(Plans.route(w.vni(), GatewayHop.host(A1), GatewayHop.gateway(peer.address())));
            routes.add(Plans.route(w.vni(), GatewayHop.gateway(peer.address()), GatewayHop.host(A1)));
        }
        return new GatewayPlan(topology.revision(), List.of(peer), routes);
    }
}
