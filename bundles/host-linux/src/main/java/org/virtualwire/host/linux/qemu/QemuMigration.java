package org.virtualwire.host.linux.qemu;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One QEMU live migration driven over QMP: tune the source, {@code migrate} to the destination's underlay
 * address, poll until QEMU says completed or failed, then wait for the destination to run the guest.
 * Without the tuning QEMU's defaults (300 ms downtime limit, 128 MiB/s) cost about 100 ms more pause here.
 *
 * <p>The destination announces the guest by itself once it runs (QEMU's post-migration self-announce, and the
 * guest's own gratuitous ARPs through virtio-net's GUEST_ANNOUNCE). An extra {@code announce-self} on top of
 * it must not be sent: with QEMU 7.2 under TCG it corrupted the guest's virtio-net transmit ring ("output.0:id
 * 0 is not a head!", then a dead NIC or a guest panic) in most migrations with traffic, and never without it.
 */
public final class QemuMigration {
    /** Default pause QEMU aims for, in ms. */
    public static final long DEFAULT_DOWNTIME_LIMIT_MS = 10;
    /** Default bandwidth cap, bytes per second (1 GiB/s: the underlay is local). */
    public static final long DEFAULT_MAX_BANDWIDTH = 1L << 30;
    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");
    private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(10);


    private final long downtimeLimitMs;
    private final long maxBandwidth;
    private final Duration pollInterval;

    /** With the defaults: 10 ms downtime limit, 1 GiB/s. */
    public QemuMigration() {
        this(DEFAULT_DOWNTIME_LIMIT_MS, DEFAULT_MAX_BANDWIDTH, Duration.ofMillis(2));
    }

    /**
     * @param downtimeLimitMs the pause QEMU aims for
     * @param maxBandwidth bytes per second
     * @param pollInterval how often to ask {@code query-migrate} (the completion is seen this late at worst)
     */
    public QemuMigration(long downtimeLimitMs, long maxBandwidth, Duration pollInterval) {
        this.downtimeLimitMs = downtimeLimitMs;
        this.maxBandwidth = maxBandwidth;
        this.pollInterval = pollInterval;
    }

    /**
     * Migrates and waits for the end. The destination QEMU must already listen ({@code -incoming tcp:...}).
     *
     * @param source QMP of the running guest
     * @param destination QMP of the waiting QEMU (connected before the migration, so it sees RESUME), or
     *        null to skip waiting for it
     * @param uri where the destination listens, e.g. {@code tcp:198.18.0.2:4444}
     * @param timeout the longest the transfer may take
     * @return the times QEMU reported
     * @throws QmpException if QEMU refused a command, the migration failed (QEMU's error description is in
     *         the message) or did not end in time
     */
    public MigrationResult migrate(QmpClient source, QmpClient destination, String uri, Duration timeout) {
        return migrate(source, destination, uri, timeout, () -> { });
    }

    /**
     * Like {@link #migrate(QmpClient, QmpClient, String, Duration)}, and runs {@code resumed} once, as soon
     * as the destination runs the guest (its RESUME event), or at completion without a destination to watch.
     *
     * @param resumed what to do then; it runs in this thread, so keep it short
     */
    public MigrationResult migrate(QmpClient source, QmpClient destination, String uri, Duration timeout, Runnable resumed) {
        source.execute("migrate-set-parameters", Map.of("downtime-limit", downtimeLimitMs, "max-bandwidth", maxBandwidth));
        long start = System.nanoTime();
        source.execute("migrate", Map.of("uri", uri));
        JsonNode info = source.execute("query-migrate");
        long deadline = start + timeout.toNanos();
        while (!FINAL.contains(info.path("status").asText())) {
            if (System.nanoTime() > deadline) {
                source.execute("migrate_cancel");
                throw new QmpException("migrate", "Timeout", "not completed in " + timeout.toMillis() + " ms: " + info);
            }
            QmpClient.sleep(pollInterval.toMillis());
            info = source.execute("query-migrate");
        }
        long seen = (System.nanoTime() - start) / 1_000_000;
        if (!"completed".equals(info.path("status").asText())) {
            throw new QmpException("migrate", "MigrationFailed", info.path("status").asText() + ": "
                    + info.path("error-desc").asText("no reason given"));
        }
        long pause = -1;
        if (destination != null) {
            pause = pause(source, destination, resumed);
        } else {
            resumed.run();
        }
        info = settledInfo(source, info);
        return new MigrationResult(info.path("total-time").asLong(), info.path("downtime").asLong(),
                info.path("setup-time").asLong(), seen, pause, info.path("ram").path("transferred").asLong());
    }

    /**
     * Waits for the destination to run the guest, then measures the pause the guest really had: from the
     * source's last STOP event to the destination's RESUME, by QEMU's own event timestamps (same host
     * clock). QEMU's {@code downtime} stops counting before the destination has loaded the last state.
     */
    private static long pause(QmpClient source, QmpClient destination, Runnable resumed) {
        JsonNode resume = destination.awaitEvent("RESUME", d -> true, RESUME_TIMEOUT).orElseThrow(
                () -> new QmpException("migrate", "Timeout", "destination did not resume in " + RESUME_TIMEOUT.toSeconds() + " s"));
        resumed.run();
        JsonNode stop = null;
        for (JsonNode e : source.events()) {
            stop = "STOP".equals(e.path("event").asText()) ? e : stop;
        }
        return stop == null ? -1 : (micros(resume) - micros(stop)) / 1000;
    }

    private static long micros(JsonNode event) {
        JsonNode t = event.path("timestamp");
        return t.path("seconds").asLong() * 1_000_000 + t.path("microseconds").asLong();
    }

    /** Right at {@code completed}, QEMU may still report downtime 0: ask again a little later. */
    private static JsonNode settledInfo(QmpClient source, JsonNode info) {
        for (int i = 0; i < 20 && info.path("downtime").asLong() == 0; i++) {
            QmpClient.sleep(10);
            info = source.execute("query-migrate");
        }
        return info;
    }
}
