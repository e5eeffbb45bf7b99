package org.virtualwire.migration;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.spi.HostRuntime;

/**
 * One migration as it goes through its route: what it moves, where, and what happened so far. It is the body
 * of the route's exchange; the steps read it and write their results into it. One thread at a time uses it
 * (the route runs in the caller's thread), so it needs no locking.
 */
final class Migration {
    final Guest guest;
    final Host from;
    final Host to;
    final List<Endpoint> nics;
    final Map<String, String> options;
    final HostRuntime runtime;
    /** Between clouds: the source's and the destination's gateways, which the transfer crosses; else empty. */
    List<Host> via = List.of();
    private final Consumer<MigrationStep> progress;
    /** When it started; a migration a restart interrupted keeps its first start (see {@link Recovery}). */
    Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final List<MigrationStep> steps = new CopyOnWriteArrayList<>();
    long id;
    volatile double pauseMillis = -1;
    /** The move exists in the desired state: from here on a failure must be compensated. */
    boolean prepared;
    /** The driver moved the guest: it runs at the destination. */
    boolean transferred;
    /** The desired state has the guest at the destination: from here on there is no way back. */
    boolean activated;
    volatile Outcome outcome = Outcome.RUNNING;
    volatile String error = "";
    /** The whole migration, set when it ends; -1 while it runs. */
    private volatile double totalMillis = -1;
    /** Saves the record as each step ends (the history's), so a crash finds how far the migration came. */
    volatile Runnable onStep;
    /** The request was refused before anything changed; the caller gets this very exception. */
    RuntimeException refusal;

    Migration(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options, HostRuntime runtime,
            Consumer<MigrationStep> progress) {
        this.guest = guest;
        this.from = from;
        this.to = to;
        this.nics = List.copyOf(nics);
        this.options = Collections.unmodifiableMap(new TreeMap<>(options));
        this.runtime = runtime;
        this.progress = progress;
    }

    /**
     * Runs one step, times it, records it and tells the caller as it ends, whether it worked or not.
     *
     * @param name the step's name, e.g. {@code prepare}
     * @param work the step; returns what it did
     * @throws Exception what the step threw, after recording it
     */
    void step(String name, Callable<String> work) throws Exception {
        step(name, System.nanoTime(), work);
    }

    /**
     * Like {@link #step(String, Callable)} for a step whose first part already ran.
     *
     * @param t0 when the step started, from {@link System#nanoTime()}
     */
    void step(String name, long t0, Callable<String> work) throws Exception {
        try {
            String detail = work.call();
            end(new MigrationStep(name, millisSince(t0), detail == null ? "" : detail));
            PauseAfter.step(this, name);
        } catch (Exception e) {
            end(new MigrationStep(name, millisSince(t0), "failed: " + message(e)));
            throw e;
        }
    }

    private void end(MigrationStep step) {
        steps.add(step);
        Runnable saved = onStep;
        if (saved != null) {
            saved.run();
        }
        if (progress != null) {
            progress.accept(step);
        }
    }

    /** Takes over the steps an interrupted run of this migration had ended (see {@link Recovery}). */
    void carryOn(MigrationRecord interrupted) {
        steps.addAll(interrupted.steps());
        pauseMillis = interrupted.pauseMillis();
    }

    /** Ends the migration with an outcome. */
    void finish(Outcome how, String why) {
        totalMillis = millisSince(startNanos);
        outcome = how;
        error = why == null ? "" : why;
    }

    /** @return the record as it stands */
    MigrationRecord record() {
        double total = totalMillis >= 0 ? totalMillis : millisSince(startNanos);
        return new MigrationRecord(id, guest.id(), from.id(), to.id(), started, steps, total, pauseMillis,
                outcome, error);
    }

    static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    /** @return the exception's message, or its class name when it has none */
    static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
