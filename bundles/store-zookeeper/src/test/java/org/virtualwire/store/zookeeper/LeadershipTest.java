package org.virtualwire.store.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.cluster.ClusterStatus;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.cluster.NotLeaderException;
import org.virtualwire.testing.WireStoreContract;

/**
 * Two controllers on one real 3-node ensemble: one leads and commits, the other refuses changes naming the leader
 * and serves reads; when the leader's client is closed or its session expires, the other leads, is told so once
 * its state is the newest, and commits.
 */
class LeadershipTest {
    private static final String ROOT = "/vw";
    private Ensemble ensemble;
    private CuratorFramework clientA;
    private ZooKeeperWireStore a;
    private ZooKeeperWireStore b;
    private boolean aClosed;
    private final AtomicInteger bGained = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        ensemble = new Ensemble();
        clientA = ZooKeeperWireStore.client(ensemble.connect(), Ensemble.SESSION_MS, Ensemble.CONNECTION_MS);
        a = new ZooKeeperWireStore(clientA, ROOT, ZooKeeperWireStore.MAX_OPS);
        a.lead("ctl-a", Ensemble.SESSION_MS);
        // lead() returns once the election has an outcome: the wire manager that starts next may seed an empty store
        assertTrue(a.leading());
        b = ensemble.store(ROOT);
        b.lead("ctl-b", Ensemble.SESSION_MS);
        assertEquals(Optional.of("ctl-a"), b.leader());
        b.addLeadershipListener(bGained::incrementAndGet);
    }

    @AfterEach
    void stop() throws Exception {
        if (!aClosed) {
            a.close();
            clientA.close();
        }
        ensemble.close();
    }

    @Test
    void theFollowerRefusesChangesNamingTheLeaderAndServesReads() {
        Topology one = WireStoreContract.sample(1, 3);
        a.commit(a.current(), one);
        Ensemble.await(() -> b.current().revision() == 1, "the follower to read revision 1");
        assertEquals(one, b.current());

        NotLeaderException refused = assertThrows(NotLeaderException.class,
                () -> b.commit(b.current(), WireStoreContract.sample(2, 4)));
        assertEquals("not the leader: ctl-a", refused.getMessage());
        assertEquals("ctl-a", refused.leader());
        assertEquals(one, a.current(), "nothing the follower tried was stored");

        ClusterStatus status = b.status();
        assertEquals("FOLLOWER", status.role());
        assertEquals("ctl-a", status.leaderId());
        assertEquals("ctl-b", status.controllerId());
        assertEquals("CONNECTED", status.connection());
        assertEquals(1, status.desiredRevision());
        assertEquals("LEADER", a.status().role());
        assertEquals(0, bGained.get(), "a follower is not told it leads");

        ZooKeeperWireStore reader = ensemble.store(ROOT);
        reader.observe(); // controller = false: an agent's process, say
        assertEquals("not the leader: ctl-a", assertThrows(NotLeaderException.class,
                () -> reader.commit(reader.current(), WireStoreContract.sample(2, 4))).getMessage());
        assertEquals("NONE", reader.status().role());
        assertEquals("ctl-a", reader.status().leaderId());
    }

    @Test
    void whenTheLeadersClientClosesTheOtherLeadsAndCommits() throws Exception {
        Topology one = WireStoreContract.sample(1, 3);
        a.commit(a.current(), one);
        aClosed = true;
        a.close();
        clientA.close(); // as a controller that stops: its latch znode goes at once

        Ensemble.await(() -> bGained.get() == 1, "controller b to be told it leads");
        assertTrue(b.leading());
        assertEquals(1, b.current().revision(), "told only once its state is the newest");
        Topology two = WireStoreContract.sample(2, 5);
        b.commit(b.current(), two);
        assertEquals(two, ensemble.store(ROOT).current());
    }

    @Test
    void theRecordOfAMigrationUnderWayOutlivesItsController() throws Exception {
        GuestId web = GuestId.of("web-1");
        a.inFlight(web, "{\"steps\":[\"transfer\"]}");
        aClosed = true;
        a.close();
        clientA.close();
        assertEquals(Map.of(web, "{\"steps\":[\"transfer\"]}"), b.inFlight());
        b.inFlight(web, null);
        assertEquals(Map.of(), b.inFlight());
    }

    @Test
    void whenTheLeadersSessionExpiresTheOtherLeadsAndTheOldLeaderIsRefused() throws Exception {
        Topology one = WireStoreContract.sample(1, 3);
        a.commit(a.current(), one);
        clientA.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration(); // as a leader that died

        Ensemble.await(() -> bGained.get() == 1, "controller b to be told it leads");
        Topology two = WireStoreContract.sample(2, 5);
        b.commit(b.current(), two);

        // a's client reconnects with a new session and joins the election again, behind b
        Ensemble.await(() -> a.leader().filter("ctl-b"::equals).isPresent(), "a to see b lead");
        assertFalse(a.leading());
        Ensemble.await(() -> a.current().revision() == 2, "a to read b's commit");
        NotLeaderException refused = assertThrows(NotLeaderException.class,
                () -> a.commit(a.current(), WireStoreContract.sample(3, 1)));
        assertEquals("not the leader: ctl-b", refused.getMessage());
        assertEquals(two, ensemble.store(ROOT).current());
    }
}
