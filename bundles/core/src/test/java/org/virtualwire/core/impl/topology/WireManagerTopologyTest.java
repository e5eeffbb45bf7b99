package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.TopologyService.Result;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireId;
import org.virtualwire.core.impl.FakeCloudDriver;
import org.virtualwire.core.impl.FakeTunnelProvider;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.core.impl.store.FileWireStore;

/**
 * The topology manager over the real wire manager and file store (with drivers that touch no kernel):
 * the controller's own refusals come back with the document's line, and state survives a restart.
 */
class WireManagerTopologyTest {
    private static final Result NOTHING = new Result(List.of(), List.of());

    @TempDir
    Path dir;
    private final List<WireManager> started = new ArrayList<>();

    private WireManager manager(Path folder) {
        WireManager m = new WireManager(new FileWireStore(folder), 1, WireId.MAX_VNI);
        FakeCloudDriver fake = new FakeCloudDriver();
        m.addDriver(fake);
        m.addRuntime(fake);
        m.addTunnel(new FakeTunnelProvider());
        m.start();
        started.add(m);
        return m;
    }

    private TopologyManager topology(WireManager m) {
        return new TopologyManager(m, m);
    }

    @AfterEach
    void stop() {
        started.forEach(WireManager::stop);
    }

    @Test
    void applyReapplyAndRemoveAgainstTheRealController() {
        WireManager m = manager(dir);
        TopologyManager t = topology(m);
        assertEquals(11, t.apply(TopologyManagerTest.DOC, "t.yaml").created().size());
        assertEquals(NOTHING, t.apply(TopologyManagerTest.DOC, "t.yaml"));
        Result r = t.apply(TopologyManagerTest.DOC.replace("- {a: sw1/p2, b: web2/eth0}", ""), "t.yaml");
        assertEquals(1, r.removed().size());
        assertTrue(r.removed().get(0).endsWith(" sw1/p2 web2/eth0"), r.toString());
        assertEquals(1, m.wires().size());
    }

    @Test
    void aRestartedControllerSeesTheDocumentAsApplied() {
        topology(manager(dir)).apply(TopologyManagerTest.DOC, "t.yaml");
        started.remove(0).stop();
        assertEquals(NOTHING, topology(manager(dir)).apply(TopologyManagerTest.DOC, "t.yaml"));
    }

    @Test
    void theControllersRefusalsPointAtTheItem() {
        TopologyManager t = topology(manager(dir));
        VirtualWireException mtu = assertThrows(VirtualWireException.class, () -> t.apply(
                TopologyManagerTest.DOC.replace("ip: 10.99.0.2/24", "mtu: 9000"), "t.yaml"));
        assertEquals("t.yaml line 22, guests[2].nics[0]: MTU 9000 of web2/eth0 is out of range: must be 68 to 1450"
                + " (the underlay MTU less the tunnel overhead)", mtu.getMessage());
        VirtualWireException mac = assertThrows(VirtualWireException.class, () -> t.apply(
                TopologyManagerTest.DOC.replace("ip: 10.99.0.2/24", "mac: 02:00:00:00:00:01"), "t.yaml"));
        assertEquals("t.yaml line 22, guests[2].nics[0]: MAC address 02:00:00:00:00:01 is already used by web1/eth0",
                mac.getMessage());
        assertTrue(t.export().contains("hosts: []"), "refused documents left nothing behind");
    }

    @Test
    void exportRebuildsTheSameStateOnAnotherController() throws Exception {
        WireManager m = manager(dir);
        TopologyManager t = topology(m);
        t.apply(Files.readString(Path.of("../../examples/two-hosts.yaml")), "two-hosts.yaml");
        String export = t.export();
        assertEquals(NOTHING, t.apply(export, "export.yaml"));
        TopologyManager other = topology(manager(dir.resolve("other")));
        other.apply(export, "export.yaml");
        assertEquals(export, other.export());
    }

    @Test
    void thousandWiresInOneBatch() {
        WireManager m = manager(dir);
        TopologyManager t = topology(m);
        String doc = LargeTopologyTest.document(1000);
        long t0 = System.nanoTime();
        t.apply(doc, "large.yaml");
        long t1 = System.nanoTime();
        Result again = t.apply(doc, "large.yaml");
        long t2 = System.nanoTime();
        Result gone = t.apply("{}", "large.yaml");
        long t3 = System.nanoTime();
        assertEquals(NOTHING, again);
        assertEquals(5002, gone.removed().size());
        assertEquals(0, m.wires().size());
        System.out.printf("%n%-40s %8s%n", "1,000 wires, WireManager + FileWireStore", "ms");
        System.out.printf("%-40s %8.1f%n", "apply, first in this JVM", (t1 - t0) / 1e6);
        System.out.printf("%-40s %8.1f%n", "re-apply (no change)", (t2 - t1) / 1e6);
        System.out.printf("%-40s %8.1f%n", "remove all", (t3 - t2) / 1e6);
    }
}
