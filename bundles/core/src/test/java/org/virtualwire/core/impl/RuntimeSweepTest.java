package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.HostId;
import org.virtualwire.core.impl.store.FileWireStore;

/**
 * A host runtime sweeps what runs on hosts nobody wants. A host whose cloud driver went (a feature reinstalled) is
 * still wanted: the runtime must keep what runs on it (its VMs), though the core cannot tell which runtime it has.
 */
class RuntimeSweepTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    @TempDir
    Path data;

    @Test
    void aHostWhoseDriverWentIsKeptByTheRuntimesSweep() throws Exception {
        FakeCloudDriver driver = new FakeCloudDriver();
        FakeCloudDriver runtime = new FakeCloudDriver();
        WireManager m = new WireManager(new FileWireStore(data), 1, 100);
        m.addDriver(driver);
        m.addRuntime(runtime);
        m.addTunnel(new FakeTunnelProvider());
        m.start();
        try {
            m.addHost(HostId.of("h1"), CloudId.of("local"), null);
            assertTrue(m.awaitApplied(TIMEOUT));
            int before = runtime.sweptHosts.size();
            m.removeDriver(driver); // a plug-in went: the core sweeps
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (runtime.sweptHosts.size() == before) {
                assertTrue(System.nanoTime() < deadline, "no sweep after the driver went");
                Thread.sleep(10);
            }
            assertEquals(Set.of(HostId.of("h1")), runtime.sweptHosts.get(runtime.sweptHosts.size() - 1),
                    "h1 is still desired: what runs on it stays");
        } finally {
            m.stop();
        }
    }
}
