package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.core.impl.store.FileWireStore;

/**
 * A sweep removes what the state it read lacks. A host added while a sweep runs must not be made before the
 * sweep ends, or the sweep removes it (seen as a host's underlay namespace vanishing when a test rebuilt its
 * hosts right after removing them all).
 */
class SweepRaceTest {
    private static final CloudId LOCAL = CloudId.of("local");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    @TempDir
    Path data;

    @Test
    void aHostAddedWhileASweepRunsIsMadeAfterIt() throws Exception {
        FakeCloudDriver driver = new FakeCloudDriver();
        WireManager m = new WireManager(new FileWireStore(data), 1, 100);
        m.addDriver(driver);
        m.addRuntime(driver);
        m.addTunnel(new FakeTunnelProvider());
        m.start();
        CountDownLatch inSweep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            m.addHost(HostId.of("h1"), LOCAL, null);
            assertTrue(m.awaitApplied(TIMEOUT));
            // the sweeps of the start and of h1's addition still run after h1 is applied; one held here would
            // hold the test's addGuest below (the manager's lock) and be over before h2 is added
            awaitSweeps(driver, 2);
            driver.onSweep = () -> {
                inSweep.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            m.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1")); // the guests changed: a sweep
            assertTrue(inSweep.await(10, TimeUnit.SECONDS), "no sweep");
            CompletableFuture<?> add = CompletableFuture.runAsync(() -> m.addHost(HostId.of("h2"), LOCAL, null));
            Thread.sleep(300); // long enough for an agent to make h2, were it allowed to
            boolean madeDuringSweep = driver.reconciled(HostId.of("h2"));
            release.countDown();
            add.get(10, TimeUnit.SECONDS);
            assertTrue(m.awaitApplied(TIMEOUT));
            assertFalse(madeDuringSweep, "host h2 was made while a sweep of an older state ran");
            assertTrue(driver.reconciled(HostId.of("h2")), "host h2 made once the sweep ended");
        } finally {
            release.countDown();
            m.stop();
        }
    }

    private static void awaitSweeps(FakeCloudDriver driver, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (driver.sweeps.get() < n) {
            assertTrue(System.nanoTime() < deadline, "only " + driver.sweeps.get() + " of " + n + " sweeps ended");
            Thread.sleep(5);
        }
    }

    @Test
    void noAgentAppliesAPlanWhileADriverSweeps() throws Exception {
        FakeCloudDriver driver = new FakeCloudDriver();
        WireManager m = new WireManager(new FileWireStore(data), 1, 100);
        m.addDriver(driver);
        m.addRuntime(driver);
        m.addTunnel(new FakeTunnelProvider());
        m.start();
        try {
            for (String h : new String[] {"h1", "h2", "h3"}) {
                m.addHost(HostId.of(h), LOCAL, null);
            }
            assertTrue(m.awaitApplied(TIMEOUT));
            driver.onSweep = () -> {
                try {
                    Thread.sleep(20); // a sweep that takes a while, as ip netns del does
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            // guests come and go on every host (each change of the guests sweeps), hosts too
            for (int i = 0; i < 40; i++) {
                m.addGuest(GuestId.of("g" + i), GuestKind.CONTAINER, HostId.of("h" + (1 + i % 3)));
                if (i > 0) {
                    m.removeGuest(GuestId.of("g" + (i - 1)));
                }
                if (i % 10 == 5) {
                    m.addHost(HostId.of("x" + i), LOCAL, null);
                }
            }
            assertTrue(m.awaitApplied(TIMEOUT));
            assertEquals(0, driver.appliedDuringSweep.get(),
                    "an agent applied a newer state while a sweep of an older one removed what that lacked");
        } finally {
            m.stop();
        }
    }
}
