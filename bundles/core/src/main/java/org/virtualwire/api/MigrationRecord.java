package org.virtualwire.api;

import java.time.Instant;
import java.util.List;

/**
 * What one migration did.
 *
 * @param id its number, in order of start
 * @param guest the guest
 * @param from where it ran
 * @param to where it was sent
 * @param started when it started
 * @param steps its steps, timed, in order
 * @param totalMillis the whole migration
 * @param pauseMillis how long the guest was paused as its hypervisor reports it (for a container: how long
 *        the switch of its NICs to the destination took, at most), or -1
 * @param outcome how it ended
 * @param error why it failed, or empty
 * @param probe what a probe saw during it (a migration run under a probe, once the probe ended), or null
 */
public record MigrationRecord(long id, GuestId guest, HostId from, HostId to, Instant started, List<MigrationStep> steps,
        double totalMillis, double pauseMillis, Outcome outcome, String error, ProbeResult probe) {
    /** Copies the list. */
    public MigrationRecord {
        steps = List.copyOf(steps);
    }

    /**
     * A migration without a probe's result.
     *
     * @param id its number
     * @param guest the guest
     * @param from where it ran
     * @param to where it was sent
     * @param started when it started
     * @param steps its steps
     * @param totalMillis the whole migration
     * @param pauseMillis the guest's pause, or -1
     * @param outcome how it ended
     * @param error why it failed, or empty
     */
    public MigrationRecord(long id, GuestId guest, HostId from, HostId to, Instant started, List<MigrationStep> steps,
            double totalMillis, double pauseMillis, Outcome outcome, String error) {
        this(id, guest, from, to, started, steps, totalMillis, pauseMillis, outcome, error, null);
    }

    /**
     * @param result what the probe saw
     * @return this record with the probe's result
     */
    public MigrationRecord withProbe(ProbeResult result) {
        return new MigrationRecord(id, guest, from, to, started, steps, totalMillis, pauseMillis, outcome, error, result);
    }

    /** How a migration ended. */
    public enum Outcome {
        /** Still under way. */
        RUNNING,
        /** The guest runs at the destination. */
        SUCCEEDED,
        /** It failed before activation and was rolled back: the guest runs at the source. */
        ROLLED_BACK,
        /** It failed and could not be rolled back completely; the error says what is left. */
        FAILED
    }
}
