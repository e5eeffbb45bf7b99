package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.cluster.AgentStatus;
import org.virtualwire.api.cluster.ClusterStatus;
import org.virtualwire.api.cluster.StoreTransferService;

/** vw:cluster-status, vw:store-export and vw:store-import: what they print, with and without their services. */
class ClusterCommandsTest {
    private final FakeWires fake = new FakeWires();

    private static final ClusterStatus STATUS = new ClusterStatus("zookeeper", "127.0.0.1:2181", "CONNECTED", "vw2/karaf",
            "FOLLOWER", "vw1/karaf", 42, List.of(new AgentStatus("h1", Instant.parse("2026-12-08T00:00:00Z"), 40, 2, "UP")));

    @Test
    void clusterStatusOnTheFileStoreSaysThereIsNoClusterAndHowToGetOne() throws Exception {
        String out = Console.run(new ClusterStatusCommand(), fake);
        assertTrue(out.startsWith("No cluster: the desired state is in this appliance's file store"), out);
        assertTrue(out.contains("feature:install virtualwire-store-zookeeper"), out);
    }

    @Test
    void clusterStatusShowsTheLeaderThisControllerAndEachAgentsDrift() throws Exception {
        ClusterStatusCommand c = new ClusterStatusCommand();
        c.cluster = () -> STATUS;
        String out = Console.run(c, fake);
        assertTrue(out.contains("Store:       zookeeper 127.0.0.1:2181"), out);
        assertTrue(out.contains("Leader:      vw1/karaf"), out);
        assertTrue(out.contains("This:        vw2/karaf FOLLOWER"), out);
        assertTrue(out.matches("(?s).*h1 +\\| 2026-12-08T00:00:00Z +\\| 40 +\\| 2 +\\| UP.*"), out);

        c = new ClusterStatusCommand();
        c.cluster = () -> STATUS;
        c.json = true;
        JsonNode json = Console.json(Console.run(c, fake));
        assertEquals("vw1/karaf", json.path("leader").asText());
        assertEquals(2, json.path("agents").get(0).path("drift").asLong());
    }

    /** Exports the file store at revision 7; refuses to import into a store that is not empty. */
    private static final class FakeTransfer implements StoreTransferService {
        @Override
        public List<String> stores() {
            return List.of("zookeeper", "file");
        }

        @Override
        public long exportTo(String store, Path file) {
            return 7;
        }

        @Override
        public long importFrom(String store, Path file, boolean force) {
            if (!force) {
                throw new VirtualWireException("store", "the target store is not empty; add --force to replace it");
            }
            return 8;
        }
    }

    @Test
    void storeExportAndImportSayWhatTheyDidAndRefuseClearly() throws Exception {
        StoreExportCommand export = new StoreExportCommand();
        export.transfer = new FakeTransfer();
        export.store = "file";
        export.file = "/tmp/s.json";
        assertEquals("Desired state of the file store at revision 7 written to /tmp/s.json\n", Console.run(export, fake));

        StoreImportCommand refused = new StoreImportCommand();
        refused.transfer = new FakeTransfer();
        refused.file = "/tmp/s.json";
        assertEquals("Error: the target store is not empty; add --force to replace it\n", Console.run(refused, fake));

        StoreImportCommand forced = new StoreImportCommand();
        forced.transfer = new FakeTransfer();
        forced.file = "/tmp/s.json";
        forced.force = true;
        assertEquals("Imported /tmp/s.json into the zookeeper store as revision 8\n", Console.run(forced, fake));

        StoreImportCommand absent = new StoreImportCommand();
        absent.file = "/tmp/s.json";
        assertTrue(Console.run(absent, fake).startsWith("Error: the store transfer service is not running"));
    }
}
