package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.api.WireId;
import org.virtualwire.core.impl.store.FileWireStore;

/**
 * The agent's side of issue 18: a guest the driver cannot make fails alone (its wires FAILED, the host UP and
 * taking changes, the guest tried again), and status comes from what the driver finds in the kernel, also when
 * nothing changed: a host whose kernel objects are gone is applied again, and FAILED while that fails.
 */
class HostAgentFaultsTest {
    private static final CloudId LOCAL = CloudId.of("local");
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    @TempDir
    Path data;
    private final FakeCloudDriver driver = new FakeCloudDriver();
    private WireManager manager;

    @BeforeEach
    void setUp() {
        manager = new WireManager(new FileWireStore(data), 1, WireId.MAX_VNI);
        manager.addDriver(driver);
        manager.addRuntime(driver);
        manager.addTunnel(new FakeTunnelProvider());
        manager.verifyEvery(Duration.ofMillis(50));
        manager.start();
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), LOCAL, null);
            a.addHost(HostId.of("h2"), LOCAL, null);
            for (String g : new String[] {"web1", "bad"}) {
                a.addGuest(GuestId.of(g), GuestKind.CONTAINER, HostId.of("h1"));
            }
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            for (String nic : new String[] {"web1/eth0", "bad/eth0", "web2/eth0", "web2/eth1"}) {
                a.addEndpoint(EndpointId.parse(nic), null, null, null);
            }
            a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
            a.connect(EndpointId.parse("bad/eth0"), EndpointId.parse("web2/eth1"));
        });
    }

    @AfterEach
    void tearDown() {
        manager.stop();
    }

    private WireId wire(String end) {
        return manager.wireOf(EndpointId.parse(end)).orElseThrow().id();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }

    @Test
    void aGuestTheDriverCannotMakeFailsAloneAndItsHostTakesChanges() throws Exception {
        driver.refused = Set.of(GuestId.of("bad"));
        manager.batch(a -> a.addGuest(GuestId.of("web3"), GuestKind.CONTAINER, HostId.of("h1")));
        assertTrue(manager.awaitApplied(DEADLINE), "the revision counts as applied: the rest of the host is");
        Status h1 = manager.status(HostId.of("h1"));
        assertEquals(Health.UP, h1.health(), h1.toString());
        assertEquals("guest bad failed: RTNETLINK answers: Cannot assign requested address", h1.detail(),
                "the host names its failed guest and why");
        assertEquals(Status.UP, manager.status(wire("web1/eth0")), "the host's other wire is up");
        Status bad = manager.status(wire("bad/eth0"));
        assertEquals(Health.FAILED, bad.health(), bad.toString());
        assertEquals("guest bad: RTNETLINK answers: Cannot assign requested address", bad.detail());

        // a later change touching the host is taken, not refused as "host h1 is unreachable"
        manager.addEndpoint(EndpointId.parse("web3/eth0"), null, null, null);
        manager.addEndpoint(EndpointId.parse("web2/eth2"), null, null, null);
        manager.connect(EndpointId.parse("web3/eth0"), EndpointId.parse("web2/eth2"));
        assertTrue(manager.awaitApplied(DEADLINE));
        assertEquals(Status.UP, manager.status(wire("web3/eth0")));

        driver.refused = Set.of(); // what the kernel refused is gone: a retry makes the guest
        await(() -> manager.status(wire("bad/eth0")).equals(Status.UP), "guest bad was never made again");
        assertEquals(Status.UP, manager.status(HostId.of("h1")));
    }

    @Test
    void aHostThatLostItsObjectsIsAppliedAgainAndFailedWhileThatFails() throws Exception {
        assertTrue(manager.awaitApplied(DEADLINE));
        assertEquals(Status.UP, manager.status(HostId.of("h1")));
        int plans = driver.plans.size();
        driver.lost = "host h1: its link ul0 to the underlay is missing";
        // nothing changes in the desired state: the periodic pass finds it
        await(() -> manager.status(HostId.of("h1")).health() == Health.FAILED, "h1 stayed UP while cut off");
        Status failed = manager.status(HostId.of("h1"));
        assertTrue(failed.detail().contains("ul0"), failed.toString());
        assertEquals(Health.FAILED, manager.status(wire("web1/eth0")).health(), "its wires are not UP either");
        assertTrue(driver.plans.size() > plans, "the agent tried to make it again");
        driver.lost = null; // (every host of the fake lost it: h2 too)
        await(() -> manager.status(HostId.of("h1")).equals(Status.UP), "h1 was never made again");
        await(() -> manager.status(wire("web1/eth0")).equals(Status.UP), "the wire never came back on both hosts");
        int verified = driver.verified.get();
        await(() -> driver.verified.get() > verified, "no pass verifies without a change");
    }

    @Test
    void aHostThatApplyingDoesNotRepairStaysFailed() throws Exception {
        assertTrue(manager.awaitApplied(DEADLINE));
        driver.unrepairable = "host h1: its link ul0 to the underlay is down";
        await(() -> manager.status(HostId.of("h1")).health() == Health.FAILED, "h1 stayed UP while cut off");
        int plans = driver.plans.size();
        await(() -> driver.plans.size() >= plans + 3, "the agent stopped trying");
        Status h1 = manager.status(HostId.of("h1"));
        assertEquals(Health.FAILED, h1.health(), "the retries applied the plan but the kernel still lacks it: " + h1);
        assertTrue(h1.detail().contains("could not be repaired: host h1: its link ul0"), h1.toString());
        driver.unrepairable = null;
        await(() -> manager.status(HostId.of("h1")).equals(Status.UP), "h1 never came back");
    }

    /**
     * A host removed and added again under its name in two quick changes: the old agent's release runs on its own
     * thread, so without ordering it could remove what the new agent had just made (the host cut off while it
     * says UP). The release is held until the new host has been made or 5 s have passed, whichever comes first:
     * without the ordering the new agent makes it within milliseconds, before the release.
     */
    @Test
    void aHostAddedAgainIsMadeOnlyAfterItsOldSelfWasRemoved() throws Exception {
        HostId h9 = HostId.of("h9");
        manager.batch(a -> a.addHost(h9, LOCAL, null));
        await(() -> driver.hostEvents.contains("reconcile h9"), "h9 made");
        java.util.concurrent.CountDownLatch releasing = new java.util.concurrent.CountDownLatch(1);
        driver.onRelease = () -> {
            releasing.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && driver.hostEvents.stream().filter("reconcile h9"::equals).count() < 2) {
                Thread.onSpinWait();
            }
        };
        manager.batch(a -> a.removeHost(h9));
        assertTrue(releasing.await(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "h9's release began");
        manager.batch(a -> a.addHost(h9, LOCAL, null));
        await(() -> driver.hostEvents.stream().filter("reconcile h9"::equals).count() == 2, "h9 made again");
        java.util.List<String> h9Events = driver.hostEvents.stream().filter(e -> e.endsWith(" h9")).toList();
        assertEquals(1, h9Events.indexOf("release h9"), "made once, removed, then made again: " + h9Events);
    }
}
