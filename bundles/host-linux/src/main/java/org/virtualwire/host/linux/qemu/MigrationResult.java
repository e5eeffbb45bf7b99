package org.virtualwire.host.linux.qemu;

/**
 * What one QEMU live migration took, as QEMU reported it on the source.
 *
 * @param totalTimeMs QEMU's {@code total-time}: from {@code migrate} to completion
 * @param downtimeMs QEMU's {@code downtime}: how long the guest was paused (0 if QEMU never reported it)
 * @param setupTimeMs QEMU's {@code setup-time}
 * @param observedMs wall time from sending {@code migrate} to seeing {@code completed} in {@code query-migrate}
 * @param pauseMs the guest's real pause: source STOP to destination RESUME by QEMU's event timestamps, or
 *        -1 if not measured
 * @param ramTransferred bytes of guest RAM sent
 */
public record MigrationResult(long totalTimeMs, long downtimeMs, long setupTimeMs, long observedMs, long pauseMs,
        long ramTransferred) {
}
