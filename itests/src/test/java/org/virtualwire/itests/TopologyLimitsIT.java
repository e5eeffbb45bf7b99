package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * One topology document cannot hold the appliance: an oversized file, {@code /dev/zero} and oversized text are
 * refused at once, by name and limit, from the console and over Jolokia HTTP, changing nothing; and a small
 * document applies while a large one (within the limits) is still being parsed.
 */
public class TopologyLimitsIT extends VirtualWireTestSupport {
    private static final String MBEAN = "org.virtualwire:type=topology,name=default";
    private static final String LIMIT = "over the limit of 4194304 bytes (topology.max.bytes in etc/org.virtualwire.core.cfg)";
    private static final String SMALL = "hosts:\n  - name: h1\n";

    private Path dir;

    @Before
    public void makeDir() throws IOException {
        dir = Files.createTempDirectory("vw-limits");
    }

    @After
    public void clearAll() {
        topology().apply("{}\n", "clear.yaml");
        afterRemoval(false);
    }

    @Test
    public void oversizedFilesAndDevicesAreRefusedByNameFromTheConsoleAndJolokia() throws Exception {
        Path big = dir.resolve("big.yaml");
        // 50 MB, as in the report (sparse: refused by its size before a byte is read)
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1000 * 1000);
        }
        List<Object> before = model();

        String out = console("vw:topology-apply " + big);
        assertEquals("Error: cannot read topology file " + big + ": it is 50000000 bytes, " + LIMIT, out.strip());
        out = console("vw:topology-apply /dev/zero");
        assertEquals("Error: cannot read topology file /dev/zero: it is not a regular file (a device, FIFO or"
                + " socket), give a YAML file", out.strip());

        Jolokia j = jolokia();
        Jolokia.Reply r = j.exec(MBEAN, "applyFile", big.toString());
        assertEquals("refused: " + r, 400, r.status());
        assertTrue(r.error(), r.error().contains("big.yaml: it is 50000000 bytes, " + LIMIT));
        r = j.exec(MBEAN, "applyFile", "/dev/zero");
        assertEquals("refused: " + r, 400, r.status());
        assertTrue(r.error(), r.error().contains("/dev/zero: it is not a regular file"));
        r = j.exec(MBEAN, "apply", "hosts: []\n#" + " ".repeat(5 * 1024 * 1024));
        assertEquals("refused: " + r, 400, r.status());
        assertTrue(r.error(), r.error().contains("topology jmx is not accepted: it is larger than the limit of 4194304"));
        assertEquals("nothing changed", before, model());

        // and the appliance still applies documents, from both
        assertTrue(console("vw:topology-apply " + write("small.yaml", SMALL)).contains("Created host h1"));
        r = j.exec(MBEAN, "apply", "hosts:\n  - name: h2\n");
        assertTrue("applied: " + r, r.ok() && r.value().path("created").toString().contains("host h2"));
    }

    @Test
    public void aSmallDocumentAppliesWhileALargeOneIsParsed() throws Exception {
        // about 4 MB within the limits, refused only once parsed and checked (its last wire names an unknown NIC),
        // so that it changes nothing; seconds of parsing. Whether the small one ends first is printed, not
        // asserted (it depends on timing): TopologyApplyConcurrencyTest shows the order with latches
        StringBuilder b = new StringBuilder("hosts:\n  - name: h1\nguests:\n");
        int guests = 0;
        while (b.length() < 3_900_000) {
            // about 100 bytes a guest and its NIC: some 80,000 items, within topology.max.items too
            int g = guests++;
            b.append("  - name: g").append(g).append("\n    host: h1\n    nics:\n      - name: eth0\n")
                    .append(String.format("        mac: 02:00:00:%02x:%02x:%02x\n", g >> 16 & 0xff, g >> 8 & 0xff, g & 0xff))
                    .append("        ip: 10.99.").append(g / 250 % 250).append('.').append(g % 250 + 1).append("/16\n");
        }
        b.append("wires:\n  - [g0/eth0, nosuch/eth0]\n");
        Path large = write("large.yaml", b.toString());
        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> console("vw:topology-apply " + large));

        Jolokia.Reply r = jolokia().exec(MBEAN, "apply", SMALL);
        assertTrue("applied: " + r, r.ok() && r.value().path("created").toString().contains("host h1"));
        System.out.println("small document applied " + (a.isDone() ? "after" : "before") + " the large one ended");

        String out = a.get(5, TimeUnit.MINUTES);
        assertTrue(out, out.startsWith("Error: " + large + " line ") && out.contains("unknown NIC 'nosuch/eth0'"));
        assertTrue("the large document changed nothing", wires().guests().isEmpty());
        assertEquals(1, wires().hosts().size());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
