package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.TopologyService.Result;
import org.virtualwire.testing.InMemoryWires;

/**
 * A document of 1,000 wires between guests on two hosts goes through as one batch, re-applies as nothing and
 * is removed as one batch. Prints how long the controller side took (not asserted: timings are for benchmarks).
 */
class LargeTopologyTest {
    private static final int WIRES = 1000;

    static String document(int wires) {
        StringBuilder b = new StringBuilder("hosts:\n  - name: h1\n  - name: h2\nguests:\n");
        for (int side = 1; side <= 2; side++) {
            for (int i = 0; i < wires; i++) {
                b.append("  - name: g").append(side).append('-').append(i).append("\n    host: h").append(side)
                        .append("\n    nics:\n      - name: eth0\n        ip: 10.99.")
                        .append(i / 250).append('.').append(i % 250 + side).append("/16\n");
            }
        }
        b.append("wires:\n");
        for (int i = 0; i < wires; i++) {
            b.append("  - [g1-").append(i).append("/eth0, g2-").append(i).append("/eth0]\n");
        }
        return b.toString();
    }

    @Test
    void thousandWiresApplyAsOneBatchAndReapplyAsNothing() {
        InMemoryWires fake = new InMemoryWires();
        TopologyManager topology = new TopologyManager(fake, fake);
        String doc = document(WIRES);

        long t0 = System.nanoTime();
        Result created = topology.apply(doc, "large.yaml");
        long t1 = System.nanoTime();
        Result again = topology.apply(doc, "large.yaml");
        long t2 = System.nanoTime();
        String export = topology.export();
        long t3 = System.nanoTime();
        Result removed = topology.apply("hosts: []\n", "large.yaml");
        long t4 = System.nanoTime();

        assertEquals(2 + 2 * WIRES + 2 * WIRES + WIRES, created.created().size());
        assertEquals(WIRES, created.created().stream().filter(s -> s.startsWith("wire ")).count());
        assertEquals(new Result(List.of(), List.of()), again);
        assertEquals(WIRES, removed.removed().stream().filter(s -> s.startsWith("wire ")).count());
        assertEquals(2, fake.batches, "one batch to create, none to re-apply, one to remove");
        assertEquals(0, fake.wires().size());
        assertEquals(0, fake.hosts().size());

        // the first run above includes loading and compiling the YAML parser; later runs show the steady state
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            InMemoryWires fresh = new InMemoryWires();
            long s = System.nanoTime();
            new TopologyManager(fresh, fresh).apply(doc, "large.yaml");
            best = Math.min(best, System.nanoTime() - s);
        }
        System.out.printf("%n%-40s %8s%n", "1,000 wires, in-memory service", "ms");
        System.out.printf("%-40s %8.1f%n", "apply, first in this JVM", (t1 - t0) / 1e6);
        System.out.printf("%-40s %8.1f%n", "apply, best of 10 later runs", best / 1e6);
        System.out.printf("%-40s %8.1f%n", "re-apply (no change)", (t2 - t1) / 1e6);
        System.out.printf("%-40s %8.1f%n", "export (" + export.length() / 1024 + " KiB)", (t3 - t2) / 1e6);
        System.out.printf("%-40s %8.1f%n", "remove all", (t4 - t3) / 1e6);
    }
}
