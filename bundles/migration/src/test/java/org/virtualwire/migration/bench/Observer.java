package org.virtualwire.migration.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.virtualwire.host.linux.qemu.QmpClient;
import org.virtualwire.host.linux.qemu.QmpException;

/**
 * Watches one migration through the extra QMP monitor that {@code bench/qemu-observer} gives every QEMU: the
 * source's STOP and MIGRATION events, the destination's RESUME, each with QEMU's own wall-clock timestamp.
 * The product drives QEMU over its own monitor meanwhile; this one only listens (and turns on MIGRATION
 * events, which change nothing else).
 */
final class Observer implements AutoCloseable {
    private final QmpClient source;
    private final CompletableFuture<QmpClient> destination;

    private Observer(QmpClient source, CompletableFuture<QmpClient> destination) {
        this.source = source;
        this.destination = destination;
    }

    /** The monitor of the guest's QEMU on a host. */
    static Path socket(Path dir, String host, String guest) {
        return dir.resolve(host + "-" + guest + ".sock");
    }

    /**
     * Before a migration: connects to the running source now, and to the destination's QEMU as soon as it
     * starts (it may start later, in the migration's prepare step).
     */
    static Observer watch(Path dir, String from, String to, String guest) throws IOException {
        Files.deleteIfExists(socket(dir, to, guest)); // left by the QEMU that ran there before
        QmpClient s = QmpClient.connect(socket(dir, from, guest), Duration.ofSeconds(5));
        events(s);
        CompletableFuture<QmpClient> d = CompletableFuture.supplyAsync(() -> {
            try {
                QmpClient c = QmpClient.connect(socket(dir, to, guest), Duration.ofSeconds(20));
                events(c);
                return c;
            } catch (IOException e) {
                return null;
            }
        });
        return new Observer(s, d);
    }

    private static void events(QmpClient c) {
        try {
            c.execute("migrate-set-capabilities", Map.of("capabilities", List.of(Map.of("capability", "events", "state", true))));
        } catch (QmpException e) {
            // already migrating: the STOP and RESUME events come anyway
        }
    }

    /** After the migration: the timeline, waiting a little for the destination's RESUME. */
    Timeline timeline() {
        QmpClient d;
        try {
            d = destination.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            d = null;
        }
        double resume = Double.NaN;
        double loaded = Double.NaN;
        if (d != null) {
            resume = d.awaitEvent("RESUME", x -> true, Duration.ofSeconds(2)).map(Observer::millis).orElse(Double.NaN);
            loaded = d.events().stream().filter(e -> e.path("event").asText().equals("MIGRATION")
                    && e.path("data").path("status").asText().equals("completed")).mapToDouble(Observer::millis)
                    .findFirst().orElse(Double.NaN);
        }
        double stop = Double.NaN;
        double completed = Double.NaN;
        for (JsonNode e : source.events()) {
            String name = e.path("event").asText();
            if (name.equals("STOP")) {
                stop = millis(e);
            } else if (name.equals("MIGRATION") && e.path("data").path("status").asText().equals("completed")) {
                completed = millis(e);
            }
        }
        return new Timeline(stop, completed, loaded, resume);
    }

    private static double millis(JsonNode event) {
        JsonNode t = event.path("timestamp");
        return t.path("seconds").asLong() * 1000.0 + t.path("microseconds").asLong() / 1000.0;
    }

    @Override
    public void close() throws IOException {
        source.close();
        // a destination that has not started yet is closed whenever it connects (the monitor takes one client)
        destination.thenAccept(d -> {
            try {
                if (d != null) {
                    d.close();
                }
            } catch (IOException e) {
                // closing only
            }
        });
    }

    /**
     * QEMU's timestamps of one migration, wall-clock ms (NaN if not seen).
     *
     * @param stop the source paused the guest
     * @param completed the source called the migration completed
     * @param loaded the destination called it completed (it has loaded the whole state)
     * @param resume the destination ran the guest
     */
    record Timeline(double stop, double completed, double loaded, double resume) {
        double pauseMillis() {
            return resume - stop;
        }
    }
}
