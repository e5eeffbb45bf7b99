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
 */
public record MigrationRecord(long id, GuestId guest, HostId from, HostId to, Instant started, List<MigrationStep> steps,
        double totalMillis, double pauseMillis, Outcome outcome, String error) {
    /** Copies the list. */
    public MigrationRecord {
        steps = List.copyOf(steps);
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
