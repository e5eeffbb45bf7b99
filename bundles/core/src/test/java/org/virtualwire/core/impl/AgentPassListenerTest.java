package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.AgentPass;
import org.virtualwire.api.AgentPassListener;
import org.virtualwire.api.HostId;
import org.virtualwire.api.WireId;
import org.virtualwire.testing.InMemoryStore;
import org.virtualwire.testing.InMemoryWires;

/** The controller tells its pass listeners (the metrics' histogram) of each pass that applied a host's plan. */
class AgentPassListenerTest {
    private final WireManager controller = new WireManager(new InMemoryStore(), 1, WireId.MAX_VNI);
    private final List<AgentPass> passes = new CopyOnWriteArrayList<>();

    AgentPassListenerTest() {
        FakeCloudDriver driver = new FakeCloudDriver();
        controller.addDriver(driver);
        controller.addRuntime(driver);
        controller.addTunnel(new FakeTunnelProvider());
        controller.addPassListener(passes::add);
        controller.addPassListener(p -> {
            throw new IllegalStateException("a broken listener keeps no one else from hearing");
        });
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.stop();
    }

    @Test
    void eachHostsPassesAreTold() {
        InMemoryWires.twoHostsOneWire(controller);
        awaitPasses(HostId.of("h1"), HostId.of("h2"));
        for (String host : List.of("h1", "h2")) {
            assertTrue(passes.stream().anyMatch(p -> p.host().equals(HostId.of(host)) && p.succeeded()
                    && p.revision() > 0 && p.millis() >= 0), host + " in " + passes);
        }
        assertFalse(passes.stream().anyMatch(p -> !p.succeeded()), passes.toString());
    }

    @Test
    void aListenerRemovedHearsNoMore() {
        List<AgentPass> mine = new CopyOnWriteArrayList<>();
        AgentPassListener l = mine::add;
        controller.addPassListener(l);
        controller.removePassListener(l);
        InMemoryWires.twoHostsOneWire(controller);
        awaitPasses(HostId.of("h1"), HostId.of("h2"));
        assertTrue(mine.isEmpty(), mine.toString());
    }

    /** The in-memory store keeps no reports (awaitApplied cannot tell): waits for the passes themselves. */
    private void awaitPasses(HostId... hosts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!List.of(hosts).stream().allMatch(h -> passes.stream().anyMatch(p -> p.host().equals(h)))) {
            assertTrue(System.nanoTime() < deadline, "no pass of every host in 10 s: " + passes);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
