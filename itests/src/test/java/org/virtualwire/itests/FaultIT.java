package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fault suite, on the real distribution ({@code bin/start}, Jolokia, {@code kill -9} of the Karaf it
 * started): Karaf killed after each step of a container's migration, a VM's QEMU killed in its transfer, Karaf
 * killed while the agents apply a 200-wire change, a host's namespace deleted behind the appliance's back. Each
 * case ends with the kernel as the desired state says (namespaces, each host's NIC devices, each guest's ports
 * redirecting to the link of its host) and every wire reported UP carrying a ping. One lab for all the cases, in
 * this order (each leaves it whole for the next): see {@link #LAB}.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class FaultIT {
    private static final String WIRES = "org.virtualwire:type=wires,name=default";
    private static final String HOSTS = "org.virtualwire:type=hosts,name=default";
    private static final String GUESTS = "org.virtualwire:type=guests,name=default";
    private static final String ENDPOINTS = "org.virtualwire:type=endpoints,name=default";
    private static final String TOPOLOGY = "org.virtualwire:type=topology,name=default";
    private static final String MIGRATIONS = "org.virtualwire:type=migrations,name=default";
    private static final String SYSTEM = "org.apache.karaf:type=system,name=root";
    /** The migration bundle's debug setting: a migration waits after the step it names. */
    private static final String PAUSE_AFTER = "virtualwire.migration.pauseAfter";
    private static final String PREFIX = System.getProperty("vw.fault.prefix", "vwf-");
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
    /** Wires of the big apply. */
    private static final int BULK_WIRES = Integer.getInteger("vw.fault.bulk", 200);
    private static final int BULK_NICS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Three hosts; the switch on east; bravo moves between west and north.
     * <pre>
     *   east: sw (switch), alpha 10.99.1.1, delta 10.99.2.1     west: bravo 10.99.1.2, charlie 10.99.1.3, echo 10.99.2.2
     *   wires: alpha-sw (within east), bravo-sw, charlie-sw, delta-echo (across)           north: nothing yet
     * </pre>
     */
    static final String LAB = String.join("\n",
            "hosts:",
            "  - {name: east}",
            "  - {name: west}",
            "  - {name: north}",
            "guests:",
            "  - {name: sw, kind: switch, host: east, nics: [{name: p1}, {name: p2}, {name: p3}, {name: p4}]}",
            "  - {name: alpha, host: east, nics: [{name: eth0, ip: 10.99.1.1/24}]}",
            "  - {name: bravo, host: west, nics: [{name: eth0, ip: 10.99.1.2/24}]}",
            "  - {name: charlie, host: west, nics: [{name: eth0, ip: 10.99.1.3/24}]}",
            "  - {name: delta, host: east, nics: [{name: eth0, ip: 10.99.2.1/24}]}",
            "  - {name: echo, host: west, nics: [{name: eth0, ip: 10.99.2.2/24}]}",
            "wires:",
            "  - [alpha/eth0, sw/p1]",
            "  - [bravo/eth0, sw/p2]",
            "  - [charlie/eth0, sw/p3]",
            "  - [delta/eth0, echo/eth0]",
            "");

    private static Appliance appliance;
    private static Jolokia j;

    @BeforeClass
    public static void startWithTheLab() throws Exception {
        Vms.ensureImage();
        Netns.deleteAll(PREFIX);
        Vms.killLeft(PREFIX);
        appliance = Appliance.unpackBuilt("fault-it", PREFIX);
        appliance.configure("org.virtualwire.host.linux.cfg", "guestImage", Vms.imageDir());
        long t0 = System.nanoTime();
        appliance.start();
        System.out.printf(Locale.ROOT, "FaultIT: appliance up in %.1f s%n", seconds(t0));
        j = appliance.jolokia();
        j.exec(TOPOLOGY, "apply", LAB).orFail();
        assertTrue("the lab applied", j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        assertKernelMatches("the lab");
        assertEveryUpWireCarries("the lab", 4);
    }

    @AfterClass
    public static void removeAll() throws Exception {
        try {
            if (appliance != null && appliance.running()) {
                j.exec(SYSTEM, "setProperty(java.lang.String,java.lang.String,boolean)", PAUSE_AFTER, "", false);
                j.exec(TOPOLOGY, "apply", "hosts: []\nguests: []\nwires: []\n");
                j.exec(WIRES, "awaitApplied", 60);
            }
            if (appliance != null) {
                appliance.close();
            }
        } finally {
            List<String> killed = Vms.killLeft(PREFIX);
            if (!killed.isEmpty()) {
                System.out.println("FaultIT: QEMUs left behind and killed: " + killed);
            }
            Netns.deleteAll(PREFIX);
            Netns.run(30, "rm", "-rf", "/run/virtualwire/" + PREFIX);
        }
    }

    // ---- 1. kill -9 of Karaf after each step of a container's migration ----

    @Test
    public void a1KarafKilledAfterPrepareRollsBack() throws Exception {
        killKarafAfter("prepare", "ROLLED_BACK");
    }

    @Test
    public void a2KarafKilledAfterDualHomeRollsBack() throws Exception {
        killKarafAfter("dual-home", "ROLLED_BACK");
    }

    @Test
    public void a3KarafKilledAfterTransferRollsBack() throws Exception {
        killKarafAfter("transfer", "ROLLED_BACK");
    }

    @Test
    public void a4KarafKilledAfterActivateIsSettled() throws Exception {
        killKarafAfter("activate", "SUCCEEDED");
    }

    @Test
    public void a5KarafKilledAfterSettleEndsSucceeded() throws Exception {
        killKarafAfter("settle", "SUCCEEDED");
    }

    /**
     * bravo migrates to the other of west and north; the migration bundle's debug setting holds it after the
     * step, where Karaf is killed; after the restart the migration has ended under its own number (rolled back
     * before activation, settled after), the kernel matches, every wire pings, and bravo migrates again.
     */
    private static void killKarafAfter(String step, String outcome) throws Exception {
        String from = hostOf("bravo");
        String to = from.equals("west") ? "north" : "west";
        String expectedHost = outcome.equals("SUCCEEDED") ? to : from;
        Loss loss = Loss.start(guestNs("alpha"), "10.99.1.2");
        j.exec(SYSTEM, "setProperty(java.lang.String,java.lang.String,boolean)", PAUSE_AFTER, step, false).orFail();
        CompletableFuture<Jolokia.Reply> call = CompletableFuture.supplyAsync(() -> j.exec(MIGRATIONS, "migrate", "bravo", to));
        long id = awaitPaused("bravo", step, call);
        long pid = appliance.kill();
        long killed = System.nanoTime();
        assertFalse("the caller learns nothing from a dead Karaf", call.join().ok());

        appliance.start(); // the setting was not persistent: the restarted Karaf does not pause
        double up = seconds(killed);
        JsonNode r = awaitEnded(id);
        assertTrue("applied after the recovery", j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        double recovered = seconds(killed);
        long[] lost = loss.stop();
        System.out.printf(Locale.ROOT, "FaultIT: kill -9 of Karaf (pid %d) after %s of bravo %s -> %s: %s %s; "
                + "Karaf up %.1f s and applied %.1f s after the kill; alpha -> bravo lost %d of %d echo requests (20 ms apart)%n",
                pid, step, from, to, r.path("outcome").asText(), steps(r), up, recovered, lost[0] - lost[1], lost[0]);

        assertEquals("outcome of " + r, outcome, r.path("outcome").asText());
        assertEquals("guest, from, to of " + r, List.of("bravo", from, to),
                List.of(r.path("guest").asText(), r.path("from").asText(), r.path("to").asText()));
        assertTrue("the record says a restart interrupted it: " + r, r.toString().contains("interrupted"));
        assertNoneRunning();
        assertEquals("bravo's host in the desired state", expectedHost, hostOf("bravo"));
        assertKernelMatches("after kill -9 after " + step);
        assertEveryUpWireCarries("after kill -9 after " + step, 4);

        // the guest is not stuck: it migrates again
        String next = expectedHost.equals("west") ? "north" : "west";
        JsonNode again = j.exec(MIGRATIONS, "migrate", "bravo", next).orFail();
        assertEquals("the next migration of bravo: " + again, "SUCCEEDED", again.path("outcome").asText());
        assertEquals(next, hostOf("bravo"));
        assertTrue(j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        assertKernelMatches("after the next migration");
        assertEveryUpWireCarries("after the next migration", 4);
    }

    // ---- 2. kill -9 of a VM's QEMU in its transfer ----

    /**
     * A VM on north (wired to the switch) migrates to west, slowly (2 MB/s); while the stream runs, its source
     * QEMU is killed: the VM is gone. The migration must end (rolled back or failed) saying why; in the end the
     * VM runs at north again (its host's agent starts it anew), nothing of it is left at west, and every wire
     * reported UP carries a ping. What the VM's wire says while no QEMU runs is printed.
     */
    /**
     * The VM migrates from north to west and Karaf is killed after its transfer: the VM's only copy runs at west
     * (north's QEMU quit), the desired state still has it at north. After the restart the migration is rolled back
     * with the VM moved back first: it answers at north, nothing of it is left at west, and it migrates again.
     */
    @Test
    public void b1KarafKilledAfterAVmsTransferMovesItBack() throws Exception {
        int vmWire = addVm();
        boolean done = false;
        try {
            killKarafAfterVmTransfer();
            done = true;
        } finally {
            if (!done) {
                removeVm(vmWire); // b2 then starts with a VM of its own
            }
        }
    }

    /**
     * vm1 (the one {@code b1} left, or a new one) migrates slowly (2 MB/s) to the other of north and west; while
     * the stream runs, its source QEMU is killed: the VM is gone. The migration must end (rolled back or failed)
     * saying why; nothing of it is left at the destination; then either a QEMU runs it again at its host (the host's
     * agent starts it anew) and every wire pings, or its wire is not reported UP.
     */
    @Test
    public void b2QemuKilledInTransferEndsTheMigrationCleanly() throws Exception {
        int vmWire = addVm();
        try {
            killQemuInTransfer(vmWire);
        } finally {
            removeVm(vmWire);
        }
    }

    private static void removeVm(int vmWire) throws InterruptedException {
        j.exec(WIRES, "disconnect", vmWire);
        j.exec(GUESTS, "removeGuest", "vm1");
        assertTrue(j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        eventually(Duration.ofSeconds(30), () -> Vms.qemuPids(hostNs("north")).isEmpty()
                && Vms.qemuPids(hostNs("west")).isEmpty(), "vm1's QEMU stopped");
        assertKernelMatches("after vm1 was removed");
    }

    /** @return the wire of vm1 (on north, wired to the switch), made if it is not there, once it answers */
    private static int addVm() throws Exception {
        if (!hostOfOptional("vm1").isPresent()) {
            j.exec(GUESTS, "addGuest", "vm1", "vm", "north").orFail();
            j.exec(ENDPOINTS, "addEndpoint", "vm1/eth0", "", "10.99.1.5/24").orFail();
            j.exec(WIRES, "connect", "vm1/eth0", "sw/p4").orFail();
        }
        int wire = -1;
        for (JsonNode w : j.read(WIRES, "Wires")) {
            if (w.path("a").asText().equals("vm1/eth0") || w.path("b").asText().equals("vm1/eth0")) {
                wire = w.path("id").asInt();
            }
        }
        assertTrue(j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        awaitVmAnswers(hostOf("vm1"));
        return wire;
    }

    private static void killKarafAfterVmTransfer() throws Exception {
        String from = hostOf("vm1");
        String to = from.equals("north") ? "west" : "north";
        Loss loss = Loss.start(guestNs("alpha"), "10.99.1.5");
        j.exec(SYSTEM, "setProperty(java.lang.String,java.lang.String,boolean)", PAUSE_AFTER, "transfer", false).orFail();
        CompletableFuture<Jolokia.Reply> call = CompletableFuture.supplyAsync(() -> j.exec(MIGRATIONS, "migrate", "vm1", to));
        long id = awaitPaused("vm1", "transfer", call);
        assertEquals("the VM's only QEMU runs at " + to, List.of(), Vms.qemuPids(hostNs(from)));
        long pid = appliance.kill();
        long killed = System.nanoTime();
        appliance.start();
        JsonNode r = awaitEnded(id);
        assertTrue("applied after the recovery", j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        awaitVmAnswers(from);
        double answers = seconds(killed);
        long[] lost = loss.stop();
        System.out.printf(Locale.ROOT, "FaultIT: kill -9 of Karaf (pid %d) after the transfer of vm1 %s -> %s: %s %s; "
                + "vm1 answers at %s %.1f s after the kill; alpha -> vm1 lost %d of %d echo requests (20 ms apart)%n",
                pid, from, to, r.path("outcome").asText(), steps(r), from, answers, lost[0] - lost[1], lost[0]);
        assertEquals("outcome of " + r, "ROLLED_BACK", r.path("outcome").asText());
        assertEquals("steps of " + r, List.of("prepare", "dual-home", "transfer", "recover", "rollback"), steps(r));
        assertEquals(from, hostOf("vm1"));
        Vms.onlyQemu(hostNs(from));
        assertEquals("no QEMU of vm1 at " + to, List.of(), Vms.qemuPids(hostNs(to)));
        assertNoneRunning();
        assertKernelMatches("after kill -9 after a VM's transfer");
        assertEveryUpWireCarries("after kill -9 after a VM's transfer", 5);

        JsonNode again = j.exec(MIGRATIONS, "migrate", "vm1", to).orFail();
        assertEquals("the next migration of vm1: " + again, "SUCCEEDED", again.path("outcome").asText());
        assertTrue(j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        awaitVmAnswers(to);
        assertEveryUpWireCarries("after the next migration of vm1", 5);
    }

    private static void killQemuInTransfer(int vmWire) throws Exception {
        String from = hostOf("vm1");
        String to = from.equals("north") ? "west" : "north";
        long source = Vms.onlyQemu(hostNs(from));

        Path out = Files.createTempFile("fault-vm-migrate", ".out");
        Process console = appliance.console("vw:guest-migrate --max-bandwidth 2000000 vm1 " + to, out);
        eventually(Duration.ofSeconds(60), () -> running("vm1").map(r -> steps(r).contains("dual-home")).orElse(false),
                "the VM's migration reaches its transfer");
        eventually(Duration.ofSeconds(30), () -> streaming(to), "the migration stream reaches " + to);
        long destination = Vms.onlyQemu(hostNs(to));
        assertTrue("still in transfer", running("vm1").map(r -> !steps(r).contains("transfer")).orElse(false));
        Netns.run(10, "kill", "-9", Long.toString(source));
        long killed = System.nanoTime();

        // what the VM's wire says until the migration has ended and a QEMU runs the VM again at its host
        List<String> seen = new ArrayList<>();
        long upWithoutQemu = 0;
        JsonNode r = null;
        long end = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        long ended = 0;
        // once the migration has ended, a minute for its host's agent to start vm1 again
        while (System.nanoTime() < end && (ended == 0 || System.nanoTime() - ended < Duration.ofSeconds(60).toNanos())) {
            boolean qemu = !Vms.qemuPids(hostNs(from)).isEmpty();
            String status = wireStatus(vmWire);
            if (!qemu && status.equals("UP")) {
                upWithoutQemu++;
            }
            String s = String.format(Locale.ROOT, "%.1fs %s qemu@" + from + "=%s", seconds(killed), status, qemu);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).endsWith(status + " qemu@" + from + "=" + qemu)) {
                seen.add(s);
            }
            r = lastOf("vm1");
            if (!r.path("outcome").asText().equals("RUNNING")) {
                if (qemu) {
                    break;
                }
                ended = ended == 0 ? System.nanoTime() : ended;
            }
            Thread.sleep(200);
        }
        assertTrue("the console returned", console.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String printed = Files.readString(out);
        Files.deleteIfExists(out);
        System.out.println("FaultIT: QEMU " + source + " (source, " + from + " -> " + to + ") killed in transfer: " + r.path("outcome").asText() + " "
                + steps(r) + ", error: " + r.path("error").asText() + "; vm1's wire meanwhile: " + seen
                + (upWithoutQemu > 0 ? " (UP while no QEMU ran at " + from + ", " + upWithoutQemu + " polls)" : "")
                + "; the console printed: " + printed.replaceAll("\\s+", " "));
        assertTrue("the migration ended rolled back or failed: " + r + "\n" + printed,
                Set.of("ROLLED_BACK", "FAILED").contains(r.path("outcome").asText()));
        assertFalse("it says why: " + r, r.path("error").asText().isEmpty());
        assertEquals("vm1 belongs to " + from, from, hostOf("vm1"));
        assertFalse("the destination QEMU is gone", ProcessHandle.of(destination).map(ProcessHandle::isAlive).orElse(false));
        assertTrue("vm1's source QEMU was killed in its transfer: the migration ended " + r.path("outcome").asText()
                + " (" + r.path("error").asText() + "), but a minute later no QEMU runs vm1 at " + from + " while its wire "
                + vmWire + " is reported " + wireStatus(vmWire) + "; meanwhile: " + seen,
                !Vms.qemuPids(hostNs(from)).isEmpty() || !wireStatus(vmWire).equals("UP"));
        assertTrue(j.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
        assertEquals("no QEMU of vm1 at " + to, List.of(), Vms.qemuPids(hostNs(to)));
        assertEquals("no files of vm1 at " + to, List.of(), Vms.files(PREFIX, to, "vm1"));
        assertNoneRunning();
        assertKernelMatches("after the QEMU kill");
        if (Vms.qemuPids(hostNs(from)).isEmpty()) {
            // the VM is gone and its wire says so: the wires that claim UP must carry traffic
            assertEquals("wires reported UP that carry no ping", List.of(), everyUpWireCarries(5));
            return;
        }
        awaitVmAnswers(from);
        System.out.printf(Locale.ROOT, "FaultIT: vm1 answers at %s again %.1f s after its QEMU was killed%n", from, seconds(killed));
        assertEveryUpWireCarries("after the QEMU kill", 5);
    }

    // ---- 3. kill -9 of the agents (Karaf) in a pass ----

    /**
     * A topology with {@link #BULK_WIRES} more wires (east-west, each NIC in a subnet of its own) is applied over
     * Jolokia; as soon as it is stored (the call returned) Karaf is killed, the agents in the middle of their
     * pass. After the restart the kernel matches and every wire pings; then the change is undone.
     */
    @Test
    public void c1KarafKilledWhileTheAgentsApplyABigChange() throws Exception {
        String before = j.exec(TOPOLOGY, "export").orFail().asText();
        String big = withBulk(before);
        try {
            killInBigApply(big);
        } finally {
            j.exec(TOPOLOGY, "apply", before).orFail();
            assertTrue(j.exec(WIRES, "awaitApplied", 300).orFail().asBoolean());
        }
        assertKernelMatches("after the big change was undone");
        assertEveryUpWireCarries("after the big change was undone", 4);
    }

    private static void killInBigApply(String big) throws Exception {
        long t0 = System.nanoTime();
        j.exec(TOPOLOGY, "apply", big).orFail();
        long stored = System.nanoTime();
        long pid = appliance.kill();
        int vxlans = vxlans("east");
        System.out.printf(Locale.ROOT, "FaultIT: %d wires stored in %.1f s; kill -9 of Karaf (pid %d) %.0f ms later, when east had %d of %d VXLAN devices%n",
                BULK_WIRES, (stored - t0) / 1e9, pid, (System.nanoTime() - stored) / 1e6, vxlans, BULK_WIRES + 2);
        appliance.start();
        assertTrue("applied after the restart", j.exec(WIRES, "awaitApplied", 300).orFail().asBoolean());
        double recovered = seconds(stored);
        assertEquals("every wire stored", BULK_WIRES + 4, j.read(WIRES, "Wires").size());
        assertKernelMatches("after kill -9 in the big apply");
        long t1 = System.nanoTime();
        int checked = assertEveryUpWireCarries("after kill -9 in the big apply", BULK_WIRES + 4);
        System.out.printf(Locale.ROOT, "FaultIT: all applied %.1f s after the kill; %d wires pinged in %.1f s%n",
                recovered, checked, seconds(t1));
    }

    // ---- 4. a host's namespace deleted behind the appliance's back ----

    /**
     * {@code ip netns del} of west's namespace while Karaf runs: within a generous time west is either made
     * again (every wire pings) or reported FAILED/DEGRADED with its wires not UP; never UP while cut off.
     */
    @Test
    public void d1HostNamespaceDeletedIsRebuiltOrReported() throws Exception {
        String victim = "west";
        Netns.Result del = Netns.run(10, "ip", "netns", "del", hostNs(victim));
        assertEquals("ip netns del: " + del.out(), 0, del.exit());
        long t0 = System.nanoTime();
        String last = "";
        long end = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            String host = hostStatus(victim);
            Map<Integer, String> across = new LinkedHashMap<>();
            for (JsonNode w : j.read(WIRES, "Wires")) {
                if (w.path("hostA").asText().equals(victim) || w.path("hostB").asText().equals(victim)) {
                    across.put(w.path("id").asInt(), w.path("status").asText());
                }
            }
            boolean anyUp = across.containsValue("UP");
            if (!host.equals("UP") && !anyUp) {
                System.out.printf(Locale.ROOT, "FaultIT: west's namespace deleted: reported %s (wires %s) after %.1f s%n",
                        host, across, seconds(t0));
                return;
            }
            if (host.equals("UP") && Netns.list(PREFIX).contains(hostNs(victim))
                    && j.exec(WIRES, "awaitApplied", 1).orFail().asBoolean() && everyUpWireCarries(1).isEmpty()) {
                double s = seconds(t0);
                assertKernelMatches("after west was made again");
                System.out.printf(Locale.ROOT, "FaultIT: west's namespace deleted: made again, every wire pings, after %.1f s%n", s);
                return;
            }
            last = "host " + victim + " " + host + " (namespace " + (Netns.list(PREFIX).contains(hostNs(victim)) ? "present" : "absent")
                    + "), its wires " + across + ", wires UP without traffic: " + everyUpWireCarries(1);
            Thread.sleep(1000);
        }
        throw new AssertionError("west's namespace was deleted " + RECOVERY_TIMEOUT + " ago and it is neither made again nor"
                + " reported: " + last);
    }

    // ---- the checks ----

    /**
     * The kernel is what the desired state says: exactly the namespaces of the hosts, their cloud's underlay and
     * the container guests; on each host the NIC devices of exactly the guests it runs; in each guest one link
     * per NIC, to its host, which its port redirects to.
     */
    private static void assertKernelMatches(String when) throws InterruptedException {
        // a removed guest's namespace goes with the driver's sweep, which may come after "applied": a little time
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                kernelMatches(when);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void kernelMatches(String when) {
        Map<String, String> address = new HashMap<>();
        Set<String> expectedNs = new TreeSet<>();
        expectedNs.add(PREFIX + "u-local");
        for (JsonNode h : j.read(HOSTS, "Hosts")) {
            address.put(h.path("name").asText(), h.path("address").asText());
            expectedNs.add(hostNs(h.path("name").asText()));
        }
        Map<String, String> hostOf = new HashMap<>();
        Map<String, String> kind = new HashMap<>();
        for (JsonNode g : j.read(GUESTS, "Guests")) {
            hostOf.put(g.path("name").asText(), g.path("host").asText());
            kind.put(g.path("name").asText(), g.path("kind").asText());
            if (!g.path("kind").asText().equalsIgnoreCase("vm")) {
                expectedNs.add(guestNs(g.path("name").asText()));
            }
        }
        assertEquals(when + ": namespaces", expectedNs, new TreeSet<>(Netns.list(PREFIX)));
        Map<String, Set<String>> expectedNics = new HashMap<>();
        address.keySet().forEach(h -> expectedNics.put(h, new TreeSet<>()));
        for (JsonNode e : j.read(ENDPOINTS, "Endpoints")) {
            String id = e.path("id").asText();
            expectedNics.get(hostOf.get(id.substring(0, id.indexOf('/')))).add(id);
        }
        for (String h : address.keySet()) {
            Set<String> present = new TreeSet<>();
            for (JsonNode l : links(hostNs(h))) {
                String alias = l.path("ifalias").asText("");
                if (l.path("ifname").asText().startsWith("ve") && alias.startsWith("vw:")) {
                    present.add(alias.substring(3).split(" ")[0]);
                }
            }
            assertEquals(when + ": NIC devices on host " + h, expectedNics.get(h), present);
        }
        for (Map.Entry<String, String> g : hostOf.entrySet()) {
            if (kind.get(g.getKey()).equalsIgnoreCase("vm")) {
                continue;
            }
            String ns = guestNs(g.getKey());
            String suffix = "." + Long.toString(Integer.toUnsignedLong(ipv4(address.get(g.getValue()))), 36);
            List<String> names = new ArrayList<>();
            links(ns).forEach(l -> names.add(l.path("ifname").asText()));
            for (String port : names.stream().filter(n -> n.startsWith("p.")).toList()) {
                String linkPrefix = "l" + Integer.toString(Integer.parseInt(port.substring(2)), 36) + ".";
                List<String> itsLinks = names.stream().filter(n -> n.startsWith(linkPrefix)).toList();
                assertEquals(when + ": links of " + g.getKey() + "'s " + port + " (its host is " + g.getValue() + ")",
                        List.of(linkPrefix + suffix.substring(1)), itsLinks);
                assertEquals(when + ": where " + g.getKey() + "'s " + port + " sends", linkPrefix + suffix.substring(1),
                        redirectOf(ns, port));
            }
        }
    }

    /**
     * Every wire reported UP carries a ping (between two guests with addresses, through a switch where one end
     * is a switch's port).
     *
     * @param expected how many wires there must be
     * @return how many wires were checked
     */
    private static int assertEveryUpWireCarries(String when, int expected) {
        JsonNode wires = j.read(WIRES, "Wires");
        assertEquals(when + ": wires", expected, wires.size());
        for (JsonNode w : wires) {
            assertEquals(when + ": status of wire " + w, "UP", w.path("status").asText());
        }
        List<String> failed = everyUpWireCarries(5);
        assertEquals(when + ": wires reported UP that carry no ping", List.of(), failed);
        return wires.size();
    }

    /**
     * @param attempts echo requests (one second apart at most) a wire may take to answer
     * @return the wires reported UP whose ping got no answer, with the ping tried
     */
    private static List<String> everyUpWireCarries(int attempts) {
        Map<String, String> kind = new HashMap<>();
        j.read(GUESTS, "Guests").forEach(g -> kind.put(g.path("name").asText(), g.path("kind").asText().toLowerCase(Locale.ROOT)));
        Map<String, String> ip = new HashMap<>();
        j.read(ENDPOINTS, "Endpoints").forEach(e -> {
            if (!e.path("ip").asText("").isEmpty()) {
                ip.put(e.path("id").asText(), e.path("ip").asText().replaceFirst("/.*", ""));
            }
        });
        JsonNode wires = j.read(WIRES, "Wires");
        Map<String, List<String>> onSwitch = new HashMap<>(); // switch -> endpoints with addresses wired to it
        for (JsonNode w : wires) {
            String a = w.path("a").asText();
            String b = w.path("b").asText();
            if (kind.get(guest(a)).equals("switch") && ip.containsKey(b)) {
                onSwitch.computeIfAbsent(guest(a), k -> new ArrayList<>()).add(b);
            } else if (kind.get(guest(b)).equals("switch") && ip.containsKey(a)) {
                onSwitch.computeIfAbsent(guest(b), k -> new ArrayList<>()).add(a);
            }
        }
        Map<String, Boolean> tried = new HashMap<>();
        List<String> failed = new ArrayList<>();
        for (JsonNode w : wires) {
            if (!w.path("status").asText().equals("UP")) {
                continue;
            }
            String a = w.path("a").asText();
            String b = w.path("b").asText();
            String from;
            String to;
            if (ip.containsKey(a) && ip.containsKey(b)) {
                from = kind.get(guest(a)).equals("vm") ? b : a;
                to = from.equals(a) ? b : a;
            } else {
                String end = ip.containsKey(a) ? a : b;
                String sw = guest(end.equals(a) ? b : a);
                String other = onSwitch.getOrDefault(sw, List.of()).stream().filter(e -> !e.equals(end)
                        && !(kind.get(guest(end)).equals("vm") && kind.get(guest(e)).equals("vm"))).findFirst().orElse(null);
                if (other == null) {
                    failed.add("wire " + w.path("id").asInt() + " " + a + "-" + b + ": nothing to ping through switch " + sw);
                    continue;
                }
                from = kind.get(guest(end)).equals("vm") ? other : end;
                to = from.equals(end) ? other : end;
            }
            String ns = guestNs(guest(from));
            String target = ip.get(to);
            if (!tried.computeIfAbsent(ns + " " + target, k -> pings(ns, target, attempts))) {
                failed.add("wire " + w.path("id").asInt() + " " + a + "-" + b + " (ping " + from + " -> " + to + " " + target + ")");
            }
        }
        return failed;
    }

    /** @return whether one echo request of up to {@code attempts} got an answer */
    private static boolean pings(String ns, String ip, int attempts) {
        for (int i = 0; i < attempts; i++) {
            if (Netns.run(10, "ip", "netns", "exec", ns, "ping", "-n", "-c", "1", "-W", "1", ip).exit() == 0) {
                return true;
            }
        }
        return false;
    }

    // ---- helpers ----

    private static long awaitPaused(String guest, String step, CompletableFuture<Jolokia.Reply> call) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode r = running(guest).orElse(null);
            if (r != null && steps(r).contains(step)) {
                return r.path("id").asLong();
            }
            if (call.isDone() || System.nanoTime() > end) {
                throw new AssertionError("the migration of " + guest + " did not pause after " + step + ": "
                        + (call.isDone() ? call.join() : "") + " " + j.read(MIGRATIONS, "History"));
            }
            Thread.sleep(20);
        }
    }

    /** @return the guest's migration under way, if any */
    private static java.util.Optional<JsonNode> running(String guest) {
        JsonNode h = j.read(MIGRATIONS, "History");
        for (JsonNode r : h) {
            if (r.path("guest").asText().equals(guest) && r.path("outcome").asText().equals("RUNNING")) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }

    private static JsonNode lastOf(String guest) {
        JsonNode last = null;
        for (JsonNode r : j.read(MIGRATIONS, "History")) {
            if (r.path("guest").asText().equals(guest)) {
                last = r;
            }
        }
        return last;
    }

    /** Waits until migration {@code id} is in the history (read over Jolokia once the service is back) and ended. */
    private static JsonNode awaitEnded(long id) throws InterruptedException {
        long end = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            JsonNode history = safeHistory();
            if (history != null) {
                last = history.toString();
                for (JsonNode r : history) {
                    if (r.path("id").asLong() == id && !r.path("outcome").asText().equals("RUNNING")) {
                        return r;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("migration " + id + " is not in vw:migration-list as ended " + RECOVERY_TIMEOUT
                + " after the kill: " + last);
    }

    private static JsonNode safeHistory() {
        try {
            return j.read(MIGRATIONS, "History");
        } catch (AssertionError e) {
            return null; // the migration service is not back yet
        }
    }

    private static void assertNoneRunning() {
        for (JsonNode r : j.read(MIGRATIONS, "History")) {
            assertFalse("a migration left running: " + r, r.path("outcome").asText().equals("RUNNING"));
        }
    }

    private static List<String> steps(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.path("steps").forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    private static String hostOf(String guest) {
        for (JsonNode g : j.read(GUESTS, "Guests")) {
            if (g.path("name").asText().equals(guest)) {
                return g.path("host").asText();
            }
        }
        throw new AssertionError("no guest " + guest);
    }

    private static java.util.Optional<String> hostOfOptional(String guest) {
        for (JsonNode g : j.read(GUESTS, "Guests")) {
            if (g.path("name").asText().equals(guest)) {
                return java.util.Optional.of(g.path("host").asText());
            }
        }
        return java.util.Optional.empty();
    }

    private static String hostStatus(String host) {
        for (JsonNode h : j.read(HOSTS, "Hosts")) {
            if (h.path("name").asText().equals(host)) {
                return h.path("status").asText();
            }
        }
        throw new AssertionError("no host " + host);
    }

    private static String wireStatus(int id) {
        for (JsonNode w : j.read(WIRES, "Wires")) {
            if (w.path("id").asInt() == id) {
                return w.path("status").asText();
            }
        }
        return "gone";
    }

    private static void awaitVmAnswers(String host) throws InterruptedException {
        long end = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!pings(guestNs("alpha"), "10.99.1.5", 1)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("vm1 never answered alpha; its console:\n" + Vms.console(PREFIX, host, "vm1"));
            }
            Thread.sleep(500);
        }
    }

    /** @return whether a TCP connection is established in the host's namespace (only a migration stream is) */
    private static boolean streaming(String host) {
        return !Netns.run(10, "ip", "netns", "exec", hostNs(host), "ss", "-H", "-t", "-n", "state", "established").out().isBlank();
    }

    private static int vxlans(String host) {
        return (int) runToFile("ip", "-n", hostNs(host), "-o", "link", "show", "type", "vxlan").out().lines().count();
    }

    /** The export with {@link #BULK_WIRES} wires more: containers on east and west, one subnet per NIC index. */
    private static String withBulk(String export) {
        int guests = BULK_WIRES / BULK_NICS;
        StringBuilder more = new StringBuilder();
        StringBuilder wires = new StringBuilder();
        for (int k = 1; k <= guests; k++) {
            for (String side : new String[] {"e", "w"}) {
                more.append("  - name: ").append(side).append(k).append("\n    kind: container\n    host: ")
                        .append(side.equals("e") ? "east" : "west").append("\n    nics:\n");
                for (int n = 0; n < BULK_NICS; n++) {
                    more.append("      - {name: eth").append(n).append(", ip: 10.99.").append(100 + n).append('.')
                            .append(side.equals("e") ? k : 100 + k).append("/24}\n");
                }
            }
            for (int n = 0; n < BULK_NICS; n++) {
                wires.append("  - [e").append(k).append("/eth").append(n).append(", w").append(k).append("/eth").append(n).append("]\n");
            }
        }
        int at = export.indexOf("\nwires:");
        String head = export.substring(0, at + 1);
        String tail = export.substring(at + 1).replace("wires: []", "wires:");
        return head + more + tail + (tail.endsWith("\n") ? "" : "\n") + wires;
    }

    private static List<JsonNode> links(String ns) {
        Netns.Result r = runToFile("ip", "-j", "-n", ns, "link", "show");
        assertEquals("ip -j -n " + ns + " link show: " + r.out(), 0, r.exit());
        List<JsonNode> all = new ArrayList<>();
        try {
            JSON.readTree(r.out()).forEach(all::add);
        } catch (IOException e) {
            throw new AssertionError("ip's JSON: " + r.out(), e);
        }
        return all;
    }

    /**
     * Like {@link Netns#run} for commands whose output may fill a pipe (ip's JSON of a host with hundreds of
     * devices): it goes to a file, so the command never blocks on a full pipe.
     */
    private static Netns.Result runToFile(String... command) {
        try {
            Path out = Files.createTempFile("fault-cmd", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Netns.Result(-1, "timed out: " + String.join(" ", command));
                }
                return new Netns.Result(p.exitValue(), Files.readString(out));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Netns.Result(-1, "cannot run " + String.join(" ", command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Netns.Result(-1, "interrupted");
        }
    }

    /** @return the device the port's ingress filter redirects to, or "" */
    private static String redirectOf(String ns, String port) {
        Netns.Result r = runToFile("tc", "-j", "-n", ns, "filter", "show", "dev", port, "ingress");
        String to = "";
        try {
            for (JsonNode f : JSON.readTree(r.out())) {
                for (JsonNode a : f.path("options").path("actions")) {
                    to = a.path("to_dev").asText(to);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("tc's JSON: " + r.out(), e);
        }
        return to;
    }

    private static int ipv4(String address) {
        String[] b = address.split("\\.");
        return Integer.parseInt(b[0]) << 24 | Integer.parseInt(b[1]) << 16 | Integer.parseInt(b[2]) << 8 | Integer.parseInt(b[3]);
    }

    private static String guest(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf('/'));
    }

    private static String guestNs(String guest) {
        return PREFIX + "g-" + guest;
    }

    private static String hostNs(String host) {
        return PREFIX + "h-" + host;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void eventually(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }


    /** A ping every 20 ms, stopped with SIGINT so that it prints its summary: what a user loses meanwhile. */
    private static final class Loss {
        private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
        private final Process process;
        private final Path out;

        private Loss(Process process, Path out) {
            this.process = process;
            this.out = out;
        }

        static Loss start(String ns, String ip) throws IOException {
            Path out = Files.createTempFile("fault-ping", ".out");
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, "ping", "-n", "-q", "-i", "0.02", "-W", "1", ip)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            return new Loss(p, out);
        }

        /** @return {sent, received} */
        long[] stop() throws Exception {
            Netns.run(10, "kill", "-INT", Long.toString(process.pid()));
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            String text = Files.readString(out);
            Files.deleteIfExists(out);
            Matcher m = SUMMARY.matcher(text);
            if (!m.find()) {
                throw new AssertionError("no ping summary: " + text);
            }
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
    }
}
