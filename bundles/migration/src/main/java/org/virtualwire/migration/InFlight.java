package org.virtualwire.migration;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.spi.WireStore;

/**
 * The records of the migrations under way, kept in the store beside the desired state (see
 * {@link WireStore#inFlight(GuestId, String)}), so that the controller that leads next knows how far each came.
 * Without a store (tests) or with the embedded one, nothing is kept: the history file has them.
 */
final class InFlight {
    private static final Logger LOG = LoggerFactory.getLogger(InFlight.class);
    private final Supplier<WireStore> store;
    private final BooleanSupplier leading;

    /**
     * @param store the store in use, or null
     * @param leading whether this controller leads: a follower's migrations are refused, and must not touch the
     *        leader's records
     */
    InFlight(Supplier<WireStore> store, BooleanSupplier leading) {
        this.store = store;
        this.leading = leading;
    }

    void put(MigrationRecord r) {
        WireStore s = store.get();
        if (s != null && leading.getAsBoolean()) {
            s.inFlight(r.guest(), HistoryFile.toJson(r).toString());
        }
    }

    void drop(GuestId guest) {
        WireStore s = store.get();
        if (s != null && leading.getAsBoolean()) {
            s.inFlight(guest, null);
        }
    }

    /** @return the records kept, by guest; none if the store cannot say */
    Map<GuestId, MigrationRecord> all() {
        WireStore s = store.get();
        Map<GuestId, MigrationRecord> out = new HashMap<>();
        if (s == null) {
            return out;
        }
        try {
            s.inFlight().forEach((guest, text) -> {
                try {
                    out.put(guest, HistoryFile.fromJson(text));
                } catch (Exception e) {
                    LOG.warn("Unreadable record of the migration of {} in the store: {}", guest, e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the records of migrations under way from the store: {}", e.toString());
        }
        return out;
    }
}
