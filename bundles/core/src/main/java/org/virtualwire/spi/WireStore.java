package org.virtualwire.spi;

import java.util.Map;

import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;

/**
 * The only thing that touches persistence: the desired state (written by the controller, read by agents)
 * and the agents' reports. An implementation may be embedded or run on a distributed engine; the
 * controller and the agents do not change between the two.
 */
public interface WireStore {
    /** @return the current desired state */
    Topology current();

    /**
     * Stores a new desired state atomically and durably: after a crash at any moment the store holds
     * either the old or the new state, never a mix.
     *
     * @param expected the state the change was computed from
     * @param next the new state, whose revision is {@code expected.revision() + 1}
     * @throws IllegalStateException if the stored state is no longer {@code expected}
     */
    void commit(Topology expected, Topology next);

    /**
     * @param host a host
     * @param report what its agent saw and did
     */
    void report(HostId host, HostReport report);

    /** @return the last report of each host */
    Map<HostId, HostReport> reports();

    /**
     * Keeps (or drops) the record of a migration under way beside the desired state, where the controller that leads
     * next finds it if this one dies ({@code ControllerRole}): it says how far the migration came (a VM whose
     * transfer was done must be moved back before its move is rolled back). By default not kept: an embedded
     * store has one controller, whose own history file has the record.
     *
     * @param guest the migrating guest
     * @param record the record as JSON text, or null to drop it
     */
    default void inFlight(GuestId guest, String record) {
    }

    /** @return the records of migrations under way that {@link #inFlight(GuestId, String)} kept, by guest */
    default Map<GuestId, String> inFlight() {
        return Map.of();
    }

    /**
     * @param listener told after each commit
     */
    void addListener(StoreListener listener);

    /**
     * @param listener a listener added before
     */
    void removeListener(StoreListener listener);
}
