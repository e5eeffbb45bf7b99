package org.virtualwire.core.impl;

import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.CloudDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Health;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;

/** The agents' lifecycle on its own, over a store and plug-ins, without the controller. */
class AgentManagerTest {
    private static final CloudId LOCAL = CloudId.of("local");
    private static final CloudId AWS = CloudId.of("aws");
    private static final HostId H1 = HostId.of("h1");
    private static final HostId H2 = HostId.of("h2");
    private static final long DEADLINE_NANOS = Duration.ofSeconds(30).toNanos();

    @TempDir
    Path data;
    private final FakeCloudDriver driver = new FakeCloudDriver();
    private final PluginTable plugins = new PluginTable();
    private AgentManager agents;

    @AfterEach
    void stop() {
        if (agents != null) {
            agents.stop();
        }
    }

    private static Topology next(Topology t, Map<HostId, Host> hosts) {
        return new Topology(t.revision() + 1, Map.of(LOCAL, new Cloud(LOCAL, "local", Map.of()),
                AWS, new Cloud(AWS, "ec2", Map.of())), hosts, Map.of(), Map.of(), Map.of());
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s: " + what);
            Thread.sleep(5);
        }
    }

    private static Health health(WireStore store, HostId host) {
        HostReport r = store.reports().get(host);
        return r == null ? null : r.host().health();
    }

    /** @return a store with h1 in the local cloud and h2 in the given one, its agents started */
    private WireStore start(CloudId h2Cloud) {
        WireStore store = new FileWireStore(data);
        plugins.add((CloudDriver) driver);
        plugins.add((HostRuntime) driver);
        store.commit(store.current(), next(store.current(), Map.of(H1, new Host(H1, LOCAL, "198.18.0.1"),
                H2, new Host(H2, h2Cloud, "198.18.0.2"))));
        agents = new AgentManager(store, plugins, Duration.ZERO);
        agents.start();
        return store;
    }

    @Test
    void anAgentPerHostWhoseDriverIsInstalledAndDegradedWithoutIt() throws Exception {
        WireStore store = start(AWS);
        await("h1 applied", () -> driver.reconciled(H1) && health(store, H1) == Health.UP);
        assertEquals(Health.DEGRADED, health(store, H2));
        assertTrue(store.reports().get(H2).host().detail().startsWith("cloud driver 'ec2' of cloud aws is not installed: install feature virtualwire-driver-ec2; "));
        assertEquals(driver, agents.driverOf(store.current(), store.current().hosts().get(H1)).orElseThrow());
        assertTrue(agents.driverOf(store.current(), store.current().hosts().get(H2)).isEmpty());
    }

    @Test
    void aRemovedHostIsReleasedAndAGoneDriverLeavesItsHostsDegraded() throws Exception {
        WireStore store = start(LOCAL);
        await("both applied", () -> health(store, H1) == Health.UP && health(store, H2) == Health.UP);
        store.commit(store.current(), next(store.current(), Map.of(H1, new Host(H1, LOCAL, "198.18.0.1"))));
        await("h2 released", () -> driver.hostEvents.contains("release h2"));
        assertEquals(null, store.reports().get(H2));
        plugins.remove((CloudDriver) driver);
        await("h1 degraded", () -> health(store, H1) == Health.DEGRADED);
        assertTrue(driver.hostEvents.stream().noneMatch(e -> e.equals("release h1")), "its kernel objects are kept");
    }

    @Test
    void aControllerLeavesProcessCloudsToTheirAgentProcessWhichRunsOnlyItsOwnHosts() throws Exception {
        CloudId proc = CloudId.of("proc");
        WireStore store = new FileWireStore(data);
        plugins.add((CloudDriver) driver);
        plugins.add((HostRuntime) driver);
        store.commit(store.current(), new Topology(store.current().revision() + 1, Map.of(
                LOCAL, new Cloud(LOCAL, "local", Map.of()),
                proc, new Cloud(proc, "local", Map.of(AgentManager.AGENTS, "process"))),
                Map.of(H1, new Host(H1, LOCAL, "198.18.0.1"), H2, new Host(H2, proc, "198.18.0.2")),
                Map.of(), Map.of(), Map.of()));
        agents = new AgentManager(store, plugins, Duration.ZERO);
        agents.start();
        await("h1 applied by the controller", () -> health(store, H1) == Health.UP);
        assertEquals(null, store.reports().get(H2), "the controller runs no agent for a host of an agents=process cloud");
        assertTrue(!driver.reconciled(H2));
        AgentManager process = new AgentManager(store, plugins, Duration.ZERO, AgentPasses.NONE, java.util.Set.of(H2));
        try {
            process.start();
            await("h2 applied by its agent process", () -> health(store, H2) == Health.UP);
            assertTrue(process.runsHere(store.current(), store.current().hosts().get(H2)));
            assertTrue(!process.runsHere(store.current(), store.current().hosts().get(H1)), "only its own hosts");
        } finally {
            process.stop();
        }
    }
}
