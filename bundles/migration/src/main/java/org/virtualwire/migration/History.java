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
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.ProbeResult;

/**
 * Migrations done and under way, numbered in order of start. A migration is saved as it starts (outcome
 * RUNNING), as each of its steps ends, and as it ends, so the history survives a restart, and a migration that a
 * crash interrupted is found at the next start ({@link #interrupted()}) and ended there under its own number, with
 * the steps it had done, by {@link Recovery}; the oldest are dropped beyond {@link #KEEP}.
 */
final class History {
    static final int KEEP = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    private final HistoryFile file;
    private final List<MigrationRecord> done = new ArrayList<>();
    private final Map<Long, Migration> running = new LinkedHashMap<>();
    /** Saved as running by a run that ended without ending them: until {@link Recovery} ends them. */
    private final Map<Long, MigrationRecord> interrupted = new LinkedHashMap<>();
    private long lastId;
    /** Where the records of migrations under way are also kept, for the controller that leads next. */
    private final InFlight inFlight;

    History(HistoryFile file, InFlight inFlight) {
        this.file = file;
        this.inFlight = inFlight;
        try {
            for (MigrationRecord r : file.load()) {
                if (r.outcome() == Outcome.RUNNING) {
                    interrupted.put(r.id(), r);
                } else {
                    done.add(r);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged history must not stop migrations: start a new one beside it
            LOG.warn("Could not read the migration history {}: {}; starting a new one", file.path(), e.getMessage());
        }
        lastId = Math.max(done.stream().mapToLong(MigrationRecord::id).max().orElse(0),
                interrupted.keySet().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** Numbers a migration that starts, shows it as running and saves it so: a crash cannot make it vanish. */
    synchronized void begin(Migration m) {
        m.id = ++lastId;
        running.put(m.id, m);
        m.onStep = this::stepEnded;
        save();
    }

    /**
     * A running migration ended a step: saved, so that a crash knows (a transfer done must be undone), and kept in
     * the store, so that the controller that leads next knows too. Not before the first step: a migration refused
     * at prepare never had a move (and must not replace the record of the guest's migration under way).
     */
    private synchronized void stepEnded() {
        save();
        running.values().forEach(m -> inFlight.put(m.record()));
    }

    /** @return the migrations a crash interrupted (saved as running, not ended), oldest first */
    synchronized List<MigrationRecord> interrupted() {
        return List.copyOf(interrupted.values());
    }

    /**
     * Goes on with an interrupted migration under its own number and start time.
     *
     * @param m the migration that finishes it
     * @param r its interrupted record
     */
    synchronized void resume(Migration m, MigrationRecord r) {
        interrupted.remove(r.id());
        m.id = r.id();
        m.started = r.started();
        m.carryOn(r);
        running.put(m.id, m);
        m.onStep = this::stepEnded;
    }

    /**
     * Ends an interrupted migration that left nothing to finish.
     *
     * @param r its interrupted record
     * @param ended it, with its outcome
     */
    synchronized void endInterrupted(MigrationRecord r, MigrationRecord ended) {
        interrupted.remove(r.id());
        add(ended);
    }

    /** Forgets a migration that was refused; its number is reused when no other was taken since. */
    synchronized void abandon(Migration m) {
        running.remove(m.id);
        if (lastId == m.id) {
            lastId--;
        }
        save();
    }

    /** Stores a migration that ended. */
    synchronized void end(Migration m) {
        running.remove(m.id);
        inFlight.drop(m.record().guest());
        add(m.record());
    }

    /**
     * A probed migration's probe ended: its result joins the migration's record, saved with the history.
     *
     * @param r the migration's record as it ended
     * @param probe what the probe saw
     * @return the record with the probe's result
     */
    synchronized MigrationRecord probed(MigrationRecord r, ProbeResult probe) {
        MigrationRecord probed = r.withProbe(probe);
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i).id() == r.id()) {
                done.set(i, probed);
                save();
                break;
            }
        }
        return probed;
    }

    private void add(MigrationRecord r) {
        done.add(r);
        done.sort(Comparator.comparingLong(MigrationRecord::id));
        while (done.size() > KEEP) {
            done.remove(0);
        }
        save();
    }

    private void save() {
        List<MigrationRecord> all = new ArrayList<>(done);
        interrupted.values().forEach(all::add);
        running.values().forEach(m -> all.add(m.record()));
        all.sort(Comparator.comparingLong(MigrationRecord::id));
        try {
            file.save(all);
        } catch (IOException e) {
            LOG.warn("Could not save the migration history {}: {}", file.path(), e.getMessage());
        }
    }

    /** @return every migration, ended or running, oldest first */
    synchronized List<MigrationRecord> all() {
        List<MigrationRecord> all = new ArrayList<>(done);
        running.values().forEach(m -> all.add(m.record()));
        interrupted.values().forEach(all::add);
        all.sort(Comparator.comparingLong(MigrationRecord::id));
        return all;
    }
}
