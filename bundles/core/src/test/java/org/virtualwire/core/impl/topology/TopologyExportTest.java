package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.TopologyService.Result;
import org.virtualwire.testing.InMemoryWires;

/** Export writes what apply reads: applying an export changes nothing, and rebuilds the same state elsewhere. */
class TopologyExportTest {
    private static final Result NOTHING = new Result(List.of(), List.of());
    private final InMemoryWires fake = new InMemoryWires();
    private final TopologyManager topology = new TopologyManager(fake, fake);

    @Test
    void anEmptyStateExportsEmptySectionsWithoutTheDefaultCloud() {
        String export = topology.export();
        assertEquals("# VirtualWire topology, exported\nhosts: []\nguests: []\nwires: []\n", export);
        assertEquals(NOTHING, topology.apply(export, "export.yaml"));
    }

    @Test
    void exportAppliedToTheSameStateChangesNothing() {
        topology.apply(TopologyManagerTest.DOC, "t.yaml");
        // things made by hand, outside any document, with values YAML could misread
        fake.addCloud(CloudId.of("lab"), "local", Map.of("mtu", "9000", "note", "a: b # c", "yes", ""));
        fake.addHost(org.virtualwire.api.HostId.of("h3"), CloudId.of("lab"), null);
        fake.addHost(org.virtualwire.api.HostId.of("gw"), CloudId.of("lab"), "198.18.9.254", "198.19.0.9");
        fake.addGuest(org.virtualwire.api.GuestId.of("r1"), org.virtualwire.api.GuestKind.ROUTER,
                org.virtualwire.api.HostId.of("h3"));
        fake.addEndpoint(TopologyManagerTest.ep("r1/eth0"), "12:34:56:00:00:01", "10.99.1.1/24", 9000);
        fake.addGuest(org.virtualwire.api.GuestId.of("empty"), org.virtualwire.api.GuestKind.CONTAINER,
                org.virtualwire.api.HostId.of("h3"));
        fake.addGuest(org.virtualwire.api.GuestId.of("own"), org.virtualwire.api.GuestKind.VM,
                org.virtualwire.api.HostId.of("h3"), new org.virtualwire.api.VmImage("/srv/vm/bzImage", null, "/srv/my disk.qcow2"));
        String export = topology.export();
        int changes = fake.changes;
        assertEquals(NOTHING, topology.apply(export, "export.yaml"), export);
        assertEquals(changes, fake.changes);
        assertTrue(export.contains("        mac: \"12:34:56:00:00:01\"\n"), export);
        assertTrue(export.contains("      note: \"a: b # c\"\n"), export);
        assertTrue(export.contains("    public: 198.19.0.9\n"), export);
        assertTrue(export.contains("    kind: vm\n    host: h3\n    kernel: /srv/vm/bzImage\n    disk: \"/srv/my disk.qcow2\"\n"),
                export);
        assertFalse(export.contains("initrd"), export);
    }

    @Test
    void exportRebuildsTheSameStateOnAnEmptySystem() {
        topology.apply(TopologyManagerTest.DOC, "t.yaml");
        String export = topology.export();
        InMemoryWires other = new InMemoryWires();
        TopologyManager elsewhere = new TopologyManager(other, other);
        assertFalse(elsewhere.apply(export, "export.yaml").created().isEmpty());
        assertEquals(export, elsewhere.export());
        assertEquals(fake.endpoints(), other.endpoints());
        assertEquals(fake.hosts(), other.hosts());
    }

    @Test
    void theExampleFileAppliesAndReappliesAsNothing() throws IOException {
        String example = Files.readString(Path.of("../../examples/two-hosts.yaml"));
        Result r = topology.apply(example, "two-hosts.yaml");
        assertEquals(2, fake.hosts().size());
        assertEquals(5, fake.guests().size()); // a switch, three containers, a VM
        assertEquals(4, fake.wires().size());
        assertEquals(r.created().size(), 2 + 5 + 8 + 4);
        assertEquals(NOTHING, topology.apply(example, "two-hosts.yaml"));
        assertEquals(NOTHING, topology.apply(topology.export(), "export.yaml"));
    }

    @Test
    void scalarsYamlWouldMisreadAreQuoted() {
        assertEquals("02:00:00:00:00:01", TopologyWriter.scalar("02:00:00:00:00:01"));
        assertEquals("\"12:34:56:00:00:01\"", TopologyWriter.scalar("12:34:56:00:00:01"));
        assertEquals("\"yes\"", TopologyWriter.scalar("yes"));
        assertEquals("\"1450\"", TopologyWriter.scalar("1450"));
        assertEquals("\"\"", TopologyWriter.scalar(""));
        assertEquals("\"a\\\"b\\\\c\\u000a\"", TopologyWriter.scalar("a\"b\\c\n"));
        assertEquals("198.19.0.0/16", TopologyWriter.scalar("198.19.0.0/16"));
    }
}
