package org.virtualwire.store.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.core.impl.store.StoreTransfer;
import org.virtualwire.spi.Topology;
import org.virtualwire.testing.WireStoreContract;

/** vw:store-export / vw:store-import between the file store and a real 3-node ensemble, both ways. */
class StoreTransferTest {
    private Ensemble ensemble;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        ensemble = new Ensemble();
    }

    @AfterEach
    void stop() throws Exception {
        ensemble.close();
    }

    private static StoreTransfer transfer(FileWireStore file, ZooKeeperWireStore zk) {
        StoreTransfer t = new StoreTransfer();
        t.addStore(file, Map.of(StoreTransfer.KIND, "file"));
        if (zk != null) {
            t.addStore(zk, Map.of(StoreTransfer.KIND, "zookeeper", "service.ranking", 100));
        }
        return t;
    }

    private static Topology at(long revision, Topology t) {
        return new Topology(revision, t.clouds(), t.hosts(), t.guests(), t.endpoints(), t.wires(), t.moves());
    }

    @Test
    void theStateGoesFromTheFileStoreToZooKeeperAndBackUnchanged() throws Exception {
        FileWireStore file = new FileWireStore(dir.resolve("a"));
        Topology state = WireStoreContract.sample(1, 20);
        file.commit(file.current(), state);
        ZooKeeperWireStore zk = ensemble.store("/vw");
        StoreTransfer t = transfer(file, zk);
        assertEquals(List.of("zookeeper", "file"), t.stores(), "the one in use first");

        Path doc = dir.resolve("state-export.json");
        assertEquals(1, t.exportTo("file", doc));
        assertEquals(1, t.importFrom("zookeeper", doc, false));
        assertEquals(state, zk.current());
        assertEquals(state, ensemble.store("/vw").current(), "what another appliance reads");

        FileWireStore other = new FileWireStore(dir.resolve("b"));
        StoreTransfer back = transfer(other, zk);
        Path again = dir.resolve("from-zk.json");
        assertEquals(1, back.exportTo(null, again)); // the one in use: ZooKeeper
        assertEquals(1, back.importFrom("file", again, false));
        assertEquals(state, other.current());
        assertEquals(state, new FileWireStore(dir.resolve("b")).current(), "on disk");
    }

    @Test
    void anImportRefusesANonEmptyStoreUnlessForcedAndNamesWhatIsWrong() throws Exception {
        FileWireStore file = new FileWireStore(dir.resolve("a"));
        file.commit(file.current(), WireStoreContract.sample(1, 2));
        ZooKeeperWireStore zk = ensemble.store("/vw");
        zk.commit(zk.current(), WireStoreContract.sample(1, 5));
        StoreTransfer t = transfer(file, zk);
        Path doc = dir.resolve("s.json");
        t.exportTo("file", doc);

        VirtualWireException refused = assertThrows(VirtualWireException.class, () -> t.importFrom("zookeeper", doc, false));
        assertTrue(refused.getMessage().startsWith("the target store is not empty (revision 1: 2 hosts, 10 guests"),
                refused.getMessage());
        assertEquals(5, zk.current().wires().size(), "nothing changed");
        assertEquals(2, t.importFrom("zookeeper", doc, true));
        assertEquals(at(2, WireStoreContract.sample(1, 2)), zk.current());

        assertEquals("no such file: " + dir.resolve("none.json"),
                assertThrows(VirtualWireException.class, () -> t.importFrom(null, dir.resolve("none.json"), false)).getMessage());
        Files.writeString(dir.resolve("bad.json"), "{not json");
        assertTrue(assertThrows(VirtualWireException.class, () -> t.importFrom(null, dir.resolve("bad.json"), false))
                .getMessage().startsWith("cannot read " + dir.resolve("bad.json") + " as an exported desired state"));
        VirtualWireException absent = assertThrows(VirtualWireException.class,
                () -> transfer(file, null).exportTo("zookeeper", doc));
        assertTrue(absent.getMessage().startsWith("store 'zookeeper' is not active; active: file"), absent.getMessage());
    }
}
