package org.virtualwire.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.virtualwire.core.impl.PluginTable;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.TransferResult;

/** The migration routes over a controller and a driver in memory: steps, compensation, refusals. */
class MigrationRouteTest {
    @TempDir
    Path data;
    private final FakeWorld world = new FakeWorld().host("h1").host("h2")
            .guest("web1", GuestKind.CONTAINER, "h1", "eth0").guest("web2", GuestKind.CONTAINER, "h1", "eth0")
            .guest("sw1", GuestKind.SWITCH, "h1", "p1", "p2", "p3").guest("vm1", GuestKind.VM, "h1", "eth0");
    private final FakeDriver driver = new FakeDriver();
    private final PluginTable plugins = new PluginTable();
    private MigrationManager manager;

    @BeforeEach
    void start() throws Exception {
        plugins.add((CloudDriver) driver);
        plugins.add((HostRuntime) driver);
        manager = newManager();
    }

    private MigrationManager newManager() throws Exception {
        MigrationManager m = new MigrationManager(world, world, plugins, Duration.ofSeconds(1));
        m.start(data.resolve("migrations.json"));
        return m;
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    private MigrationRecord migrate(String guest, String to, List<MigrationStep> progress) {
        return manager.migrate(GuestId.of(guest), HostId.of(to), Map.of(), progress::add);
    }

    private static List<String> names(List<MigrationStep> steps) {
        return steps.stream().map(MigrationStep::name).toList();
    }

    @Test
    void everyKindGoesThroughTheOneRoute() {
        assertEquals(List.of("migrate"), manager.routeIds());
    }

    @Test
    void containerMovesThroughEveryStepAndTellsEachAsItEnds() {
        List<MigrationStep> progress = new CopyOnWriteArrayList<>();
        MigrationRecord r = migrate("web1", "h2", progress);
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(List.of("prepare", "dual-home", "transfer", "activate", "settle"), names(r.steps()));
        assertEquals(r.steps(), progress);
        assertEquals(1.5, r.pauseMillis());
        assertEquals(HostId.of("h2"), world.hostOf("web1"));
        assertEquals(List.of("prepare web1", "dualHome web1", "activate web1", "settle web1"), world.callsOf("web1"));
        assertTrue(r.totalMillis() >= r.steps().stream().mapToDouble(MigrationStep::millis).sum());
        assertEquals(List.of(r), manager.history());
    }

    @Test
    void aSwitchTakesAllItsNicsAndTheOptionsReachTheDriver() {
        MigrationRecord r = manager.migrate(GuestId.of("sw1"), HostId.of("h2"),
                Map.of("downtime-limit-ms", "10", "max-bandwidth", "1073741824"), s -> { });
        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertEquals(List.of("sw1 h1->h2 {downtime-limit-ms=10, max-bandwidth=1073741824}"), driver.transfers);
        assertTrue(r.steps().get(2).detail().startsWith("3 NIC(s) moved"), r.steps().get(2).detail());
    }

    @Test
    void transferFailureRollsBackAndTheGuestStaysAtTheSource() {
        driver.transfer = (g, from, to, nics, o) -> {
            throw new IllegalStateException("destination QEMU died");
        };
        List<MigrationStep> progress = new CopyOnWriteArrayList<>();
        MigrationRecord r = migrate("web1", "h2", progress);
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertEquals("destination QEMU died", r.error());
        assertEquals(List.of("prepare", "dual-home", "transfer", "rollback"), names(progress));
        assertEquals("failed: destination QEMU died", r.steps().get(2).detail());
        assertEquals(List.of("prepare web1", "dualHome web1", "rollback web1"), world.callsOf("web1"));
        assertEquals(HostId.of("h1"), world.hostOf("web1"));
        assertTrue(world.move(GuestId.of("web1")).isEmpty());
        assertEquals(-1, r.pauseMillis());
    }

    @Test
    void vmGoesThroughTheRouteAndADriverRefusalRollsBack() {
        driver.transfer = (g, from, to, nics, o) -> {
            throw new VirtualWireException("guest", "VM guests cannot migrate yet");
        };
        MigrationRecord r = migrate("vm1", "h2", new CopyOnWriteArrayList<>());
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertEquals("VM guests cannot migrate yet", r.error());
        assertTrue(world.callsOf("vm1").contains("rollback vm1"));
    }

    @Test
    void failureAfterActivationIsNotRolledBackAndSaysWhatIsLeft() {
        world.applies = () -> world.move(GuestId.of("web1")).map(m -> m.phase() != org.virtualwire.spi.Move.Phase.ACTIVE).orElse(true);
        MigrationRecord r = migrate("web1", "h2", new CopyOnWriteArrayList<>());
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.error().startsWith("activate was not applied on every host within 1000 ms; left: the guest runs at h2,"
                + " its move is still in phase ACTIVE"), r.error());
        assertTrue(world.callsOf("web1").stream().noneMatch(c -> c.startsWith("rollback")), world.calls.toString());
        assertEquals(HostId.of("h2"), world.hostOf("web1"));
    }

    @Test
    void secondMigrationOfTheSameGuestIsRefusedWithTheControllersError() throws Exception {
        CountDownLatch inTransfer = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        driver.transfer = (g, from, to, nics, o) -> {
            inTransfer.countDown();
            release.await(10, TimeUnit.SECONDS);
            return new TransferResult(2, "moved");
        };
        CompletableFuture<MigrationRecord> first = CompletableFuture.supplyAsync(() -> migrate("web1", "h2", new CopyOnWriteArrayList<>()));
        assertTrue(inTransfer.await(10, TimeUnit.SECONDS));
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> manager.migrate(GuestId.of("web1"), HostId.of("h2"), Map.of(), s -> { }));
        assertSame(world.refusals.get(0), e);
        assertEquals("guest web1 is already migrating", e.getMessage());
        release.countDown();
        assertEquals(Outcome.SUCCEEDED, first.get(10, TimeUnit.SECONDS).outcome());
        assertEquals(1, manager.history().size(), "a refused migration leaves no record");
    }

    @Test
    void aPrepareThatBreaksIsRecordedAsFailedNotThrown() {
        world.prepareBreaks = new IllegalStateException("store unreachable");
        MigrationRecord r = migrate("web1", "h2", new CopyOnWriteArrayList<>());
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.error().contains("store unreachable"), r.error());
        assertEquals(1, manager.history().size(), "a broken (not refused) migration is in the history");
        assertEquals(HostId.of("h1"), world.hostOf("web1"));
    }

    @Test
    void differentGuestsMigrateAtTheSameTime() throws Exception {
        // each transfer waits for the other: they only both succeed if they run together
        CyclicBarrier both = new CyclicBarrier(2);
        driver.transfer = (g, from, to, nics, o) -> {
            both.await(5, TimeUnit.SECONDS);
            return new TransferResult(1, "moved");
        };
        CompletableFuture<MigrationRecord> a = CompletableFuture.supplyAsync(() -> migrate("web1", "h2", new CopyOnWriteArrayList<>()));
        CompletableFuture<MigrationRecord> b = CompletableFuture.supplyAsync(() -> migrate("web2", "h2", new CopyOnWriteArrayList<>()));
        assertEquals(Outcome.SUCCEEDED, a.get(10, TimeUnit.SECONDS).outcome(), a.get().error());
        assertEquals(Outcome.SUCCEEDED, b.get(10, TimeUnit.SECONDS).outcome(), b.get().error());
        assertEquals(List.of(1L, 2L), manager.history().stream().map(MigrationRecord::id).sorted().toList());
    }

    @Test
    void refusalsBeforeAnyChange() {
        assertEquals("unknown host 'h9'", assertThrows(VirtualWireException.class,
                () -> manager.migrate(GuestId.of("web1"), HostId.of("h9"), Map.of(), s -> { })).getMessage());
        assertEquals("unknown guest 'nope'", assertThrows(VirtualWireException.class,
                () -> manager.migrate(GuestId.of("nope"), HostId.of("h2"), Map.of(), s -> { })).getMessage());
        assertEquals("guest web1 already runs on host h1", assertThrows(VirtualWireException.class,
                () -> manager.migrate(GuestId.of("web1"), HostId.of("h1"), Map.of(), s -> { })).getMessage());
        VirtualWireException bad = assertThrows(VirtualWireException.class,
                () -> manager.migrate(GuestId.of("web1"), HostId.of("h2"), Map.of("downtime-limit-ms", "soon"), s -> { }));
        assertEquals("downtime-limit-ms", bad.field());
        assertEquals("speed", assertThrows(VirtualWireException.class,
                () -> manager.migrate(GuestId.of("web1"), HostId.of("h2"), Map.of("speed", "1"), s -> { })).field());
        plugins.remove((CloudDriver) driver);
        assertEquals("cloud driver 'local' of cloud local is not installed: install feature virtualwire-driver-local", assertThrows(VirtualWireException.class,
                () -> manager.migrate(GuestId.of("web1"), HostId.of("h2"), Map.of(), s -> { })).getMessage());
        assertTrue(manager.history().isEmpty());
        assertTrue(driver.transfers.isEmpty());
    }

    @Test
    void historySurvivesARestartAndNumbersGoOn() throws Exception {
        migrate("web1", "h2", new CopyOnWriteArrayList<>());
        driver.transfer = (g, from, to, nics, o) -> {
            throw new IllegalStateException("no");
        };
        migrate("web2", "h2", new CopyOnWriteArrayList<>());
        List<MigrationRecord> before = manager.history();
        manager.stop();
        manager = newManager();
        assertEquals(before, manager.history());
        driver.transfer = (g, from, to, nics, o) -> new TransferResult(1, "moved");
        assertEquals(3, migrate("web1", "h1", new CopyOnWriteArrayList<>()).id());
    }

    @Test
    void movesLeftByACrashAreFinishedAtStart() throws Exception {
        manager.stop();
        world.prepare(GuestId.of("web1"), HostId.of("h2"));
        world.dualHome(GuestId.of("web1"));
        world.prepare(GuestId.of("web2"), HostId.of("h2"));
        world.dualHome(GuestId.of("web2"));
        world.activate(GuestId.of("web2"));
        manager = newManager();
        List<MigrationRecord> h = manager.history();
        assertEquals(2, h.size());
        assertEquals(Outcome.ROLLED_BACK, h.get(0).outcome());
        assertEquals("web1", h.get(0).guest().name());
        assertEquals(List.of("recover", "rollback"), names(h.get(0).steps()));
        assertEquals(Outcome.SUCCEEDED, h.get(1).outcome());
        assertEquals(List.of("recover", "settle"), names(h.get(1).steps()));
        assertTrue(world.moves.isEmpty());
        assertEquals(HostId.of("h1"), world.hostOf("web1"));
        assertEquals(HostId.of("h2"), world.hostOf("web2"));
    }

    @Test
    void aFollowerLeavesTheLeadersMovesAloneAndFinishesThemWhenItLeads() throws Exception {
        manager.stop();
        world.prepare(GuestId.of("web1"), HostId.of("h2"));
        world.dualHome(GuestId.of("web1"));
        world.prepare(GuestId.of("web2"), HostId.of("h2"));
        world.dualHome(GuestId.of("web2"));
        world.activate(GuestId.of("web2"));
        FakeRole role = new FakeRole();
        manager = new MigrationManager(world, world, plugins, Duration.ofSeconds(1));
        manager.setRole(role);
        manager.start(data.resolve("other-controller.json"));
        assertEquals(List.of(), manager.history(), "the leader's migrations under way are not a follower's to end");
        assertEquals(2, world.moves.size());

        role.gain(); // the leader died: this controller leads now
        List<MigrationRecord> h = manager.history();
        assertEquals(List.of(Outcome.ROLLED_BACK, Outcome.SUCCEEDED), h.stream().map(MigrationRecord::outcome).toList());
        assertTrue(world.moves.isEmpty());
        assertEquals(HostId.of("h1"), world.hostOf("web1"));
        assertEquals(HostId.of("h2"), world.hostOf("web2"));
    }

    /**
     * The leader dies right after a VM's transfer (simulated: it waits there, {@link PauseAfter}, while another
     * controller with its own history and the same store gains leadership): the record it kept in the store tells
     * the new leader that the guest runs at the destination, so it is moved back before the move is rolled back.
     */
    @Test
    void theNextLeaderMovesBackAGuestTheDeadLeaderHadTransferred() throws Exception {
        RecordStore store = new RecordStore();
        manager.stop();
        manager = new MigrationManager(world, world, plugins, Duration.ofSeconds(1));
        manager.store = store;
        manager.start(data.resolve("leader.json"));
        MigrationManager next = new MigrationManager(world, world, plugins, Duration.ofSeconds(1));
        CompletableFuture<MigrationRecord> paused;
        System.setProperty(PauseAfter.PROPERTY, "transfer");
        try {
            paused = CompletableFuture.supplyAsync(() -> migrate("web1", "h2", new CopyOnWriteArrayList<>()));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!store.records.getOrDefault(GuestId.of("web1"), "").contains("\"transfer\"")) {
                assertTrue(System.nanoTime() < end, "the leader's record shows the transfer: " + store.records);
                Thread.sleep(10);
            }
            driver.transfers.clear();
            FakeRole role = new FakeRole();
            next.store = store;
            next.setRole(role);
            next.start(data.resolve("next.json"));
            assertEquals(List.of(), List.copyOf(driver.transfers), "a follower leaves it alone");
            role.gain();
            assertEquals(List.of("web1 h2->h1 {}"), List.copyOf(driver.transfers));
            assertTrue(store.records.isEmpty(), store.records.toString());
        } finally {
            System.clearProperty(PauseAfter.PROPERTY);
        }
        paused.get(10, TimeUnit.SECONDS); // the dead leader's thread, which a real crash would have ended
        List<MigrationRecord> h = next.history();
        assertEquals(1, h.size(), h.toString());
        assertEquals(Outcome.ROLLED_BACK, h.get(0).outcome());
        assertEquals(List.of("prepare", "dual-home", "transfer", "recover", "rollback"), names(h.get(0).steps()));
        assertEquals(HostId.of("h1"), world.hostOf("web1"));
        assertTrue(world.moves.isEmpty());
        next.stop();
    }

    /**
     * A crash (simulated: a second manager starts on the same history file and desired state while the first
     * waits after a step, {@link PauseAfter}) finds the migration it interrupted and ends it under its own number,
     * with the steps it had done: rolled back before activation (the guest moved back first if its transfer was
     * done), settled after it, and SUCCEEDED without a step to run after the move was settled (before, that one
     * vanished from the history and its number was given to the next migration; a VM transferred before the crash
     * was not moved back, so its destination's QEMU, its only copy, was stopped by the rollback).
     */
    @ParameterizedTest
    @CsvSource({"prepare, ROLLED_BACK, h1, prepare recover rollback, false",
        "dual-home, ROLLED_BACK, h1, prepare dual-home recover rollback, false",
        "transfer, ROLLED_BACK, h1, prepare dual-home transfer recover rollback, true",
        "activate, SUCCEEDED, h2, prepare dual-home transfer activate recover settle, false",
        "settle, SUCCEEDED, h2, prepare dual-home transfer activate settle recover, false"})
    void aMigrationInterruptedAfterEachStepEndsUnderItsOwnNumberAtTheNextStart(String step, Outcome outcome, String host,
            String steps, boolean movedBack) throws Exception {
        assertEquals(Outcome.SUCCEEDED, migrate("web2", "h2", new CopyOnWriteArrayList<>()).outcome());
        System.setProperty(PauseAfter.PROPERTY, step);
        CompletableFuture<MigrationRecord> paused;
        MigrationRecord before;
        MigrationManager restarted;
        try {
            paused = CompletableFuture.supplyAsync(() -> migrate("web1", "h2", new CopyOnWriteArrayList<>()));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (manager.history().size() < 2 || !names(manager.history().get(1).steps()).contains(step)) {
                assertTrue(System.nanoTime() < end, "the migration pauses after " + step + ": " + manager.history());
                Thread.sleep(10);
            }
            before = manager.history().get(1);
            driver.transfers.clear();
            restarted = newManager();
            // the rollback after a transfer moves the guest back (a VM's only copy runs at the destination)
            assertEquals(movedBack ? List.of("web1 h2->h1 {}") : List.of(), List.copyOf(driver.transfers));
        } finally {
            System.clearProperty(PauseAfter.PROPERTY);
        }
        paused.get(10, TimeUnit.SECONDS); // the first manager's thread, which a real crash would have ended
        manager.stop();
        manager = restarted;
        List<MigrationRecord> h = manager.history();
        assertEquals(2, h.size(), h.toString());
        MigrationRecord r = h.get(1);
        assertEquals(List.of(2L, "web1", outcome, before.started()), List.of(r.id(), r.guest().name(), r.outcome(), r.started()), r.toString());
        assertEquals(List.of(steps.split(" ")), names(r.steps()));
        assertEquals(HostId.of(host), world.hostOf("web1"));
        assertTrue(world.moves.isEmpty());
        assertEquals(3, migrate("web2", "h1", new CopyOnWriteArrayList<>()).id(), "numbers go on after the interrupted one");
    }
}
