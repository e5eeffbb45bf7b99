package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.virtualwire.api.GuestId;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireService;

/** What the migration tests check on every move, through the public interfaces. */
final class Moves {
    /** The steps of a migration that worked, in order. */
    static final List<String> STEPS = List.of("prepare", "dual-home", "transfer", "activate", "settle");
    /** How long the probe runs before a migration starts, so that its result covers the move. */
    static final long PROBE_LEAD_MS = 300;

    private Moves() {
    }

    /** @return the names of the record's steps, in order */
    static List<String> steps(MigrationRecord r) {
        return r.steps().stream().map(MigrationStep::name).toList();
    }

    /** The record says the guest moved from one host to the other through every step, without error. */
    static void assertSucceeded(MigrationRecord r, GuestId guest, HostId from, HostId to) {
        assertEquals("outcome of " + r, Outcome.SUCCEEDED, r.outcome());
        assertEquals("guest, from, to of " + r, List.of(guest, from, to), List.of(r.guest(), r.from(), r.to()));
        assertEquals("steps of " + r, STEPS, steps(r));
        assertEquals("error of " + r, "", r.error());
    }

    /** The desired state has the guest at the host, and every wire of the guest is UP. */
    static void assertWiresFollow(WireService wires, GuestId guest, HostId at) {
        assertEquals("host of " + guest, at, wires.guest(guest).orElseThrow().host());
        List<Wire> its = wires.wires().stream().filter(w -> w.a().guest().equals(guest) || w.b().guest().equals(guest)).toList();
        assertFalse(guest + " has wires", its.isEmpty());
        for (Wire w : its) {
            assertEquals("status of wire " + w.id() + " after " + guest + " moved", Health.UP, wires.status(w.id()).health());
        }
    }

    /**
     * Every wire of the {@link Lab} carries traffic: alpha to bravo and to charlie through the switch, delta to echo.
     *
     * @param guestNs the namespace of a guest
     */
    static void assertLabCarries(UnaryOperator<String> guestNs) {
        assertTrue("alpha -> bravo through the switch", Netns.pingEventually(guestNs.apply("alpha"), Lab.BRAVO_IP, 3));
        assertTrue("alpha -> charlie through the switch", Netns.pingEventually(guestNs.apply("alpha"), Lab.CHARLIE_IP, 3));
        assertTrue("delta -> echo", Netns.pingEventually(guestNs.apply("delta"), Lab.ECHO_IP, 3));
    }

    /**
     * Starts a probe and lets it run a little before the caller migrates.
     *
     * @param probe the probe, run in another thread
     * @return its result to come
     */
    static CompletableFuture<ProbeResult> startProbe(Supplier<ProbeResult> probe) throws InterruptedException {
        CompletableFuture<ProbeResult> result = CompletableFuture.supplyAsync(probe);
        Thread.sleep(PROBE_LEAD_MS);
        return result;
    }

    /**
     * The probe got answers through the move: most of them (a wire that stops delivering, at the source or the
     * destination, loses at least the rest of the probe). Gaps and losses are printed, never asserted.
     */
    static void assertTrafficFlowed(ProbeResult p, MigrationRecord r) {
        System.out.println(line(r, p));
        if (p.received() <= p.sent() / 2) {
            throw new AssertionError("the probe lost most of its packets across the move: " + p + "; " + r);
        }
    }

    /** @return one line for the test's output: the move, its steps with durations, and what the probe saw */
    static String line(MigrationRecord r, ProbeResult p) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %s %s -> %s:", r.outcome(), r.guest(), r.from(), r.to()));
        r.steps().forEach(s -> b.append(String.format(Locale.ROOT, " %s %.1f ms,", s.name(), s.millis())));
        b.append(String.format(Locale.ROOT, " pause %.1f ms", r.pauseMillis()));
        if (!r.error().isEmpty()) {
            b.append("; error: ").append(r.error());
        }
        if (p != null) {
            b.append(String.format(Locale.ROOT, "; probe sent %d, lost %d, longest gap %.1f ms", p.sent(), p.lost(),
                    p.longestGapMillis()));
        }
        return b.toString();
    }
}
