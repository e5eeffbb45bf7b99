package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;

class TopologyCommandsTest {
    private final FakeWires fake = new FakeWires();

    @TempDir
    Path dir;

    @Test
    void applyReadsTheFileAndListsChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts: [h1]\n");
        fake.applyResult = new TopologyService.Result(List.of("host h1", "guest web1"), List.of("wire 4"));
        TopologyApplyCommand apply = command(file.toString());
        assertEquals("Created host h1\nCreated guest web1\nRemoved wire 4\n", Console.run(apply, fake));
        assertEquals("hosts: [h1]\n", fake.appliedYaml);
        assertEquals(file.toString(), fake.appliedSource);
        assertEquals(1, fake.awaits);
    }

    @Test
    void applySaysWhenNothingChanged() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts: []\n");
        assertTrue(Console.run(command(file.toString()), fake).startsWith("Nothing to change"));
    }

    @Test
    void missingFileAndMalformedDocumentPrintOneLine() throws Exception {
        String out = Console.run(command(dir.resolve("none.yaml").toString()), fake);
        assertEquals("Error: cannot read topology file " + dir.resolve("none.yaml") + ": no such file\n", out);
        assertEquals(1, out.lines().count(), out);

        Path file = Files.writeString(dir.resolve("bad.yaml"), "hosts: [\n");
        TopologyApplyCommand apply = new TopologyApplyCommand() {
            {
                topology = new FakeWires() {
                    @Override
                    public Result apply(String yaml, String source) {
                        throw new VirtualWireException("hosts", source + " line 2: unexpected end of the document");
                    }
                };
            }
        };
        apply.file = file.toString();
        assertEquals("Error: " + file + " line 2: unexpected end of the document\n", Console.run(apply, fake));
    }

    @Test
    void exportPrintsOrWrites() throws Exception {
        fake.exported = "hosts:\n  - name: h1\n";
        TopologyExportCommand export = new TopologyExportCommand();
        export.topology = fake;
        assertEquals("hosts:\n  - name: h1\n", Console.run(export, fake));
        export.file = dir.resolve("out.yaml").toString();
        assertEquals("Topology written to " + dir.resolve("out.yaml") + "\n", Console.run(export, fake));
        assertEquals("hosts:\n  - name: h1\n", Files.readString(dir.resolve("out.yaml")));
    }

    private TopologyApplyCommand command(String file) {
        TopologyApplyCommand apply = new TopologyApplyCommand();
        apply.topology = fake;
        apply.file = file;
        return apply;
    }
}
