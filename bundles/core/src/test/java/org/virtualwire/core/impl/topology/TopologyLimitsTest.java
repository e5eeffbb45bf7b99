package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.testing.InMemoryWires;

/**
 * A document cannot hold the appliance by its size: files are read only when regular (never {@code /dev/zero}, a
 * FIFO or a directory) and never beyond the size limit, texts are refused over it, items are counted, and
 * aliases and nesting are bounded. Every refusal names the file and the limit, and changes nothing.
 */
class TopologyLimitsTest {
    private static final String LIMIT_HINT = "topology.max.bytes in etc/org.virtualwire.core.cfg";
    private final InMemoryWires fake = new InMemoryWires();
    private final TopologyManager topology = new TopologyManager(fake, fake);

    @TempDir
    Path dir;

    @BeforeEach
    void applyTheGoodDocument() {
        topology.apply(TopologyManagerTest.DOC, "t.yaml");
    }

    @Test
    void devZeroIsRefusedByNameWithoutBeingRead() {
        // before: the console read it whole, for 82 s, until the heap ran out
        VirtualWireException e = refused(() -> topology.applyFile(Path.of("/dev/zero")));
        assertEquals("cannot read topology file /dev/zero: it is not a regular file (a device, FIFO or socket),"
                + " give a YAML file", e.getMessage());
        assertEquals("file", e.field());
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("topology.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(60, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        // before: open() waited for a writer, for ever; the deadline only turns such a hang into a failure
        VirtualWireException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refused(() -> topology.applyFile(fifo)));
        assertEquals("cannot read topology file " + fifo + ": it is not a regular file (a device, FIFO or socket),"
                + " give a YAML file", e.getMessage());
    }

    @Test
    void aDirectoryOrMissingFileIsRefusedByName() {
        assertEquals("cannot read topology file " + dir + ": it is a directory, give a YAML file",
                refused(() -> topology.applyFile(dir)).getMessage());
        assertEquals("cannot read topology file " + dir.resolve("none.yaml") + ": no such file",
                refused(() -> topology.applyFile(dir.resolve("none.yaml"))).getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path big = dir.resolve("big.yaml");
        // a valid document, padded with a comment to 5 MiB: refused for its size alone
        byte[] bytes = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] head = "hosts: []\n#".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        Files.write(big, bytes);
        VirtualWireException e = refused(() -> topology.applyFile(big));
        assertEquals("cannot read topology file " + big + ": it is 5242880 bytes, over the limit of 4194304 bytes ("
                + LIMIT_HINT + ")", e.getMessage());
    }

    @Test
    void aFileWithinItsConfiguredLimitIsApplied() throws IOException {
        TopologyManager small = new TopologyManager(fake, fake, TopologyLimits.of(Map.of("topology.max.bytes", "20")));
        Path file = Files.writeString(dir.resolve("ok.yaml"), "hosts: []\n");
        assertEquals(10, Files.size(file));
        small.applyFile(file);
        assertEquals(0, fake.hosts().size(), "applied: every host removed");

        Path over = Files.writeString(dir.resolve("over.yaml"), "hosts: []\n# twenty-one bytes\n");
        assertTrue(refused(() -> small.applyFile(over)).getMessage().endsWith("over the limit of 20 bytes ("
                + LIMIT_HINT + ")"));
    }

    @Test
    void aFileThatIsNoUtf8TextIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("bin.yaml"), new byte[] {'h', 'o', (byte) 0xff, (byte) 0xfe, '\n'});
        assertEquals("cannot read topology file " + file + ": it is not UTF-8 text (a topology file is YAML)",
                refused(() -> topology.applyFile(file)).getMessage());
    }

    @Test
    void aTextOverTheLimitIsRefusedCountingUtf8Bytes() {
        TopologyManager small = new TopologyManager(fake, fake, new TopologyLimits(100, 1000));
        // 60 characters, 120 bytes: over the limit although shorter in characters
        String text = "# " + "é".repeat(58) + "\nhosts: []\n";
        VirtualWireException e = refused(() -> small.apply(text, "jmx"));
        assertEquals("topology jmx is not accepted: it is larger than the limit of 100 bytes (" + LIMIT_HINT + ")",
                e.getMessage());
        // and the default limit, for text as large as the file above
        String big = "hosts: []\n#" + " ".repeat(5 * 1024 * 1024);
        assertTrue(refused(() -> topology.apply(big, "jmx")).getMessage().contains("limit of 4194304 bytes"));
    }

    @Test
    void moreItemsThanTheLimitAreRefusedNamingTheLimit() {
        TopologyManager small = new TopologyManager(fake, fake, new TopologyLimits(TopologyLimits.DEFAULT_MAX_BYTES, 10));
        StringBuilder doc = new StringBuilder("hosts:\n  - name: h1\nguests:\n");
        for (int i = 0; i < 10; i++) {
            doc.append("  - {name: g").append(i).append(", host: h1}\n");
        }
        VirtualWireException e = refused(() -> small.apply(doc.toString(), "many.yaml"));
        assertEquals("many.yaml line 4, guests: the document has more than 10 items (clouds, hosts, guests, NICs and"
                + " wires): the limit is topology.max.items in etc/org.virtualwire.core.cfg", e.getMessage());
    }

    @Test
    void aliasesCountAsTheItemsTheyStandFor() {
        TopologyManager small = new TopologyManager(fake, fake, new TopologyLimits(TopologyLimits.DEFAULT_MAX_BYTES, 50));
        // 10 guests sharing one list of 5 NICs: 11 lines of text, 61 items
        StringBuilder doc = new StringBuilder("hosts: [{name: h1}]\nguests:\n  - {name: g0, host: h1, nics: &n "
                + "[{name: e0}, {name: e1}, {name: e2}, {name: e3}, {name: e4}]}\n");
        for (int i = 1; i < 10; i++) {
            doc.append("  - {name: g").append(i).append(", host: h1, nics: *n}\n");
        }
        assertTrue(refused(() -> small.apply(doc.toString(), "alias.yaml")).getMessage()
                .contains("the document has more than 50 items"));
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        bomb.append("hosts: *a8\n");
        assertTrue(refused(() -> topology.apply(bomb.toString(), "bomb.yaml")).getMessage()
                .startsWith("bomb.yaml: malformed YAML: Number of aliases for non-scalar nodes exceeds the"
                        + " specified max=" + NodeReader.MAX_ALIASES), "refused for its aliases");
    }

    @Test
    void moreAliasesThanATopologyNeedsAreRefused() {
        // 25 aliases to one small list: under SnakeYAML's default of 50, over the topology's 20
        StringBuilder doc = new StringBuilder("hosts: [{name: h1}]\nguests:\n  - {name: g0, host: h1, nics: &n [{name: e0}]}\n");
        for (int i = 1; i <= 25; i++) {
            doc.append("  - {name: g").append(i).append(", host: h1, nics: *n}\n");
        }
        assertTrue(refused(() -> topology.apply(doc.toString(), "aliases.yaml")).getMessage()
                .contains("Number of aliases for non-scalar nodes exceeds the specified max=20"));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "hosts: " + "[".repeat(NodeReader.MAX_DEPTH + 5) + "]".repeat(NodeReader.MAX_DEPTH + 5) + "\n";
        assertTrue(refused(() -> topology.apply(deep, "deep.yaml")).getMessage()
                .contains("Nesting Depth exceeded max " + NodeReader.MAX_DEPTH));
    }

    @Test
    void limitsComeFromTheCoreConfigurationAndRefuseNonsense() {
        assertEquals(TopologyLimits.DEFAULT, TopologyLimits.of(Map.of()));
        assertEquals(new TopologyLimits(1000, 7), TopologyLimits.of(Map.of("topology.max.bytes", "1000",
                "topology.max.items", 7)));
        assertEquals("topology.max.bytes in etc/org.virtualwire.core.cfg must be a number, not '4M'",
                assertThrows(IllegalArgumentException.class,
                        () -> TopologyLimits.of(Map.of("topology.max.bytes", "4M"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopologyLimits.of(Map.of("topology.max.items", "0")));
    }

    private VirtualWireException refused(org.junit.jupiter.api.function.Executable apply) {
        int changes = fake.changes;
        int batches = fake.batches;
        VirtualWireException e = assertThrows(VirtualWireException.class, apply);
        assertEquals(changes, fake.changes, "a refused document changes nothing");
        assertEquals(batches, fake.batches, "refused before any batch");
        return e;
    }
}
