package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.Wire;
import org.virtualwire.itests.VmAnswers.HypervisorFault;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A QEMU guest (TCG, the project's image) on host north, wired to the {@link Lab}'s switch, moves to west while
 * the probe runs; a migration whose destination QEMU is killed half-way through the transfer rolls back (the
 * guest answers at the source, every wire works, nothing is left at the destination), and while that transfer
 * runs a second migration of the guest is refused.
 */
public class VmMigrationIT extends VirtualWireTestSupport {
    private static final GuestId VM = GuestId.of("vm1");
    private static final EndpointId VM_NIC = EndpointId.parse("vm1/eth0");
    private static final String VM_IP = "10.99.1.5";
    private static final String MIGRATIONS = "org.virtualwire:type=migrations,name=default";
    /** A migration stream of 2 MB/s lasts seconds (tens of MB to send): long enough to kill its destination. */
    private static final String SLOW = "2000000";
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    /** The devices of host north without guests. */
    private List<String> emptyNorth;

    @Before
    public void buildLab() throws Exception {
        Vms.ensureImage();
        emptyNorth = buildLabAndNorth();
    }

    @After
    public void clearLab() {
        Lab.clear(wires(), admin(), true);
        afterRemoval(true);
    }

    @Test
    public void aVmMovesWithItsWireWhileTheProbeRuns() throws Exception {
        VmAnswers.retryOnHypervisorFault(this::moveToWest, () -> {
            admin().disconnect(wires().wireOf(VM_NIC).orElseThrow().id());
            admin().removeGuest(VM);
            awaitApplied();
        });
    }

    @Test
    public void aVmWhoseDestinationQemuDiesMidTransferStaysAtTheSource() throws Exception {
        addVm();
        long source = Vms.onlyQemu(hostNs(Lab.NORTH));
        List<String> westBefore = Netns.links(hostNs(Lab.WEST));
        List<Object> modelBefore = model();
        Set<String> ended = ConcurrentHashMap.newKeySet();
        CompletableFuture<MigrationRecord> migration = CompletableFuture.supplyAsync(
                () -> migrations().migrate(VM, Lab.WEST, Map.of("max-bandwidth", SLOW), s -> ended.add(s.name())));
        // mid-transfer: dual-home has ended and west's QEMU has taken the migration stream's connection
        eventually(Duration.ofSeconds(60), () -> ended.contains("dual-home") || migration.isDone(), "the transfer starts");
        eventually(Duration.ofSeconds(30), () -> streaming(Lab.WEST) || migration.isDone(), "the stream reaches west");
        long destination = Vms.onlyQemu(hostNs(Lab.WEST));

        // meanwhile a second migration of the guest is refused, and changes nothing
        int records = migrations().history().size();
        String second = console("vw:guest-migrate vm1 east");
        assertTrue("refused while it migrates: " + second, second.contains("Error") && second.contains("already migrating"));
        assertEquals("the refusal left no record", records, migrations().history().size());
        assertEquals("vm1 still belongs to north", Lab.NORTH, wires().guest(VM).orElseThrow().host());

        Thread.sleep(1000); // a part of the guest's memory is at west now
        assertFalse("the transfer ended before its destination could be killed: " + ended,
                migration.isDone() || ended.contains("transfer"));
        ProcessHandle.of(destination).ifPresent(ProcessHandle::destroyForcibly);
        MigrationRecord r = migration.get(2, TimeUnit.MINUTES);
        System.out.println(Moves.line(r, null));
        assertEquals("outcome of " + r, Outcome.ROLLED_BACK, r.outcome());
        assertEquals("steps of " + r, List.of("prepare", "dual-home", "transfer", "rollback"), Moves.steps(r));
        assertTrue("the transfer step says it failed: " + r, r.steps().get(2).detail().startsWith("failed"));
        assertFalse("the record says why: " + r, r.error().isEmpty());
        JsonNode history = jolokia().read(MIGRATIONS, "History");
        JsonNode last = history.get(history.size() - 1);
        assertEquals("Jolokia shows the rollback: " + last, List.of(r.id(), "ROLLED_BACK"),
                List.of(last.path("id").asLong(), last.path("outcome").asText()));

        // the guest runs on at the source, in the same QEMU, and every wire works as before
        assertEquals("the same QEMU runs vm1 at north", List.of(source), Vms.qemuPids(hostNs(Lab.NORTH)));
        assertEquals("desired state as before the migration", modelBefore, model());
        assertEquals("vm1 answers at north", 20, Netns.echoReplies(guestNs("alpha"), VM_IP, 20));
        for (Wire w : wires().wires()) {
            assertEquals("status of wire " + w.id(), Health.UP, wires().status(w.id()).health());
        }
        Moves.assertLabCarries(this::guestNs);

        // nothing of it at the destination
        assertEquals("no QEMU left at west", List.of(), Vms.qemuPids(hostNs(Lab.WEST)));
        assertEquals("no files of vm1 left at west", List.of(), Vms.files(prefix(), Lab.WEST.name(), VM.name()));
        assertEquals("west's devices as before the migration", westBefore, Netns.links(hostNs(Lab.WEST)));
    }

    /** Boots the VM on north, migrates it to west while the probe runs from alpha, and checks it all. */
    private void moveToWest() throws Exception {
        addVm();
        long source = Vms.onlyQemu(hostNs(Lab.NORTH));
        CompletableFuture<ProbeResult> probe = Moves.startProbe(
                () -> probes().probe(Lab.ALPHA, VM_NIC, Duration.ofSeconds(10), Duration.ofMillis(1)));
        MigrationRecord r = migrations().migrate(VM, Lab.WEST, Map.of(), s -> { });
        ProbeResult p = probe.join();
        Moves.assertSucceeded(r, VM, Lab.NORTH, Lab.WEST);
        assertTrue("the hypervisor's pause is in the record: " + r, r.pauseMillis() >= 0);
        answersAt(Lab.WEST);
        Moves.assertTrafficFlowed(p, r);
        Moves.assertWiresFollow(wires(), VM, Lab.WEST);
        assertTrue("charlie (west) -> vm1 (west) through the switch on east", Netns.pingEventually(guestNs("charlie"), VM_IP, 3));
        assertFalse("the source QEMU ended", ProcessHandle.of(source).map(ProcessHandle::isAlive).orElse(false));
        assertEquals("no QEMU left at north", List.of(), Vms.qemuPids(hostNs(Lab.NORTH)));
        assertEquals("no files of vm1 left at north", List.of(), Vms.files(prefix(), Lab.NORTH.name(), VM.name()));
        assertEquals("nothing of vm1 left on north", emptyNorth, Netns.links(hostNs(Lab.NORTH)));
    }

    /** Adds the VM on north, wired to the switch's free port, and waits until it answers alpha. */
    private void addVm() throws InterruptedException {
        admin().batch(a -> {
            a.addGuest(VM, GuestKind.VM, Lab.NORTH);
            a.addEndpoint(VM_NIC, null, VM_IP + "/24", null);
            a.connect(VM_NIC, Lab.SW4);
        });
        awaitApplied();
        long end = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!Netns.ping(guestNs("alpha"), VM_IP)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("vm1 never answered alpha; its console:\n" + Vms.console(prefix(), "north", "vm1"));
            }
            Thread.sleep(500);
        }
    }

    /** The VM answers alpha at the host, or the test fails (see {@link VmAnswers}). */
    private void answersAt(HostId host) throws HypervisorFault {
        VmAnswers.assertAnswers(wires(), VM_NIC, VM_IP, guestNs("alpha"), prefix(), host);
    }


    /** @return whether a TCP connection is established in the host's namespace (only a migration stream is) */
    private boolean streaming(HostId host) {
        return !Netns.run(10, "ip", "netns", "exec", hostNs(host), "ss", "-H", "-t", "-n", "state", "established").out().isBlank();
    }
}
