package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Convergence;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;

class TopologyCommandsTest {
    private final FakeWires fake = new FakeWires();

    @TempDir
    Path dir;

    @Test
    void applyHandsTheFileToTheServiceAndListsChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts: [h1]\n");
        fake.applyResult = new TopologyService.Result(List.of("host h1", "guest web1"), List.of("wire 4"));
        TopologyApplyCommand apply = command(file.toString());
        assertEquals("Created host h1\nCreated guest web1\nRemoved wire 4\n", Console.run(apply, fake));
        // the service reads it, within its limits (the command never reads a file whole itself)
        assertEquals(file, fake.appliedFile);
        assertNull(fake.appliedYaml);
        assertEquals(1, fake.awaits);
    }

    @Test
    void applySaysWhenNothingChanged() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts: []\n");
        assertTrue(Console.run(command(file.toString()), fake).startsWith("Nothing to change"));
    }

    @Test
    void aRefusedFileOrDocumentPrintsOneLine() throws Exception {
        TopologyApplyCommand apply = new TopologyApplyCommand() {
            {
                topology = new FakeWires() {
                    @Override
                    public Result applyFile(Path file) {
                        throw new VirtualWireException("file", "cannot read topology file " + file
                                + ": it is not a regular file (a device, FIFO or socket), give a YAML file");
                    }
                };
            }
        };
        apply.file = "/dev/zero";
        String out = Console.run(apply, fake);
        assertEquals("Error: cannot read topology file /dev/zero: it is not a regular file (a device, FIFO or socket),"
                + " give a YAML file\n", out);
        assertEquals(0, fake.awaits, "nothing changed, nothing to wait for");
    }

    @Test
    void aFileNameThatIsNoPathIsRefusedByName() throws Exception {
        String out = Console.run(command("lab\0.yaml"), fake);
        assertTrue(out.startsWith("Error: invalid topology file name 'lab\0.yaml'"), out);
        assertNull(fake.appliedFile);
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

    @Test
    void applyShowsHostsConvergedWhileItWaits() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts: [h1, h2, h3]\n");
        Deque<Convergence> progress = new ArrayDeque<>(List.of(new Convergence(1, 3), new Convergence(1, 3),
                new Convergence(2, 3), new Convergence(3, 3)));
        FakeWires slow = new FakeWires() {
            @Override
            public boolean awaitApplied(Duration timeout) {
                awaits++;
                return awaits > 3; // three looks without convergence
            }

            @Override
            public Convergence convergence() {
                return progress.poll();
            }
        };
        TopologyApplyCommand apply = command(file.toString());
        apply.topology = slow;
        assertEquals("Nothing to change: the topology already matches " + file + "\n"
                + "hosts converged 1/3\nhosts converged 2/3\nhosts converged 3/3\n", Console.run(apply, slow));
    }

    @Test
    void ctrlCStopsTheWaitAndSaysTheChangeIsStored() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts: [h1]\n");
        FakeWires interrupted = new FakeWires() {
            @Override
            public boolean awaitApplied(Duration timeout) {
                // what the controller's wait does when Karaf interrupts the command's thread on Ctrl-C
                Thread.currentThread().interrupt();
                return false;
            }
        };
        TopologyApplyCommand apply = command(file.toString());
        apply.topology = interrupted;
        String out = Console.run(apply, interrupted);
        assertTrue(out.endsWith("Stopped waiting (Ctrl-C): the change is stored and the agents continue"
                + " (see vw:host-list and vw:wire-list)\n"), out);
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is taken, the session goes on");
    }

    @Test
    void agentsThatLagPastTheTimeoutGetTheWarning() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts: []\n");
        fake.applies = false;
        TopologyApplyCommand apply = command(file.toString());
        apply.timeout = Duration.ZERO;
        String out = Console.run(apply, fake);
        assertTrue(out.contains("hosts converged 0/0\nWarning: not applied on every host within 0 s"), out);
    }

    private TopologyApplyCommand command(String file) {
        TopologyApplyCommand apply = new TopologyApplyCommand();
        apply.topology = fake;
        apply.file = file;
        return apply;
    }
}
