package org.virtualwire.migration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.MigrationRecord;

/**
 * Migrations done and under way, numbered in order of start. Finished ones are saved, so the history
 * survives a restart; the oldest are dropped beyond {@link #KEEP}.
 */
final class History {
    static final int KEEP = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    private final HistoryFile file;
    private final List<MigrationRecord> done = new ArrayList<>();
    private final Map<Long, Migration> running = new LinkedHashMap<>();
    private long lastId;

    History(HistoryFile file) {
        this.file = file;
        try {
            done.addAll(file.load());
        } catch (IOException | RuntimeException e) {
            // a damaged history must not stop migrations: start a new one beside it
            LOG.warn("Could not read the migration history {}: {}; starting a new one", file.path(), e.getMessage());
        }
        lastId = done.stream().mapToLong(MigrationRecord::id).max().orElse(0);
    }

    /** Numbers a migration that starts, and shows it as running. */
    synchronized void begin(Migration m) {
        m.id = ++lastId;
        running.put(m.id, m);
    }

    /** Forgets a migration that was refused; its number is reused when no other was taken since. */
    synchronized void abandon(Migration m) {
        running.remove(m.id);
        if (lastId == m.id) {
            lastId--;
        }
    }

    /** Stores a migration that ended. */
    synchronized void end(Migration m) {
        running.remove(m.id);
        done.add(m.record());
        while (done.size() > KEEP) {
            done.remove(0);
        }
        try {
            file.save(done);
        } catch (IOException e) {
            LOG.warn("Could not save the migration history {}: {}", file.path(), e.getMessage());
        }
    }

    /** @return every migration, ended or running, oldest first */
    synchronized List<MigrationRecord> all() {
        List<MigrationRecord> all = new ArrayList<>(done);
        running.values().forEach(m -> all.add(m.record()));
        all.sort(Comparator.comparingLong(MigrationRecord::id));
        return all;
    }
}
