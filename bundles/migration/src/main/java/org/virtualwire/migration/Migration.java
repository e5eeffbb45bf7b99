package org.virtualwire.migration;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationStep;

/**
 * The record of one migration as it runs: its number, the steps it ended, its outcome. The route carries it
 * beside its {@link MigrationRequest}; the steps add what they did, and the history saves it as each step ends.
 * What the steps decide on (whether the guest was transferred, whether it was activated) are their results,
 * which the route carries, not fields of this record.
 */
final class Migration {
    final MigrationRequest request;
    private final Consumer<MigrationStep> progress;
    /** When it started; a migration a restart interrupted keeps its first start (see {@link Recovery}). */
    Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final List<MigrationStep> steps = new CopyOnWriteArrayList<>();
    long id;
    volatile double pauseMillis = -1;
    volatile Outcome outcome = Outcome.RUNNING;
    volatile String error = "";
    /** The whole migration, set when it ends; -1 while it runs. */
    private volatile double totalMillis = -1;
    /** Saves the record as each step ends (the history's), so a crash finds how far the migration came. */
    volatile Runnable onStep;

    Migration(MigrationRequest request, Consumer<MigrationStep> progress) {
        this.request = request;
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
            failed(name, t0, e);
            throw e;
        }
    }

    /** Records a step that failed before it could run its work (its first half threw). */
    void failed(String name, long t0, Exception e) {
        end(new MigrationStep(name, millisSince(t0), "failed: " + message(e)));
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
        return new MigrationRecord(id, request.guest().id(), request.from().id(), request.to().id(), started, steps, total, pauseMillis,
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
