package org.virtualwire.spi;

import java.util.Map;

import org.virtualwire.api.GuestId;
import org.virtualwire.api.Status;
import org.virtualwire.api.WireId;

/**
 * What a host's agent last saw and did.
 *
 * @param appliedRevision the revision of the desired state it last applied (in full, but for the guests listed
 *        in {@code guests} as FAILED)
 * @param host the host's own status
 * @param wires the status of each wire end on the host
 * @param guests the guests of the host that could not be made, each FAILED with why (see
 *        {@link GuestsFailedException}); a guest not listed is as planned
 */
public record HostReport(long appliedRevision, Status host, Map<WireId, Status> wires, Map<GuestId, Status> guests) {
    /** Copies the maps. */
    public HostReport {
        wires = Map.copyOf(wires);
        guests = Map.copyOf(guests);
    }

    /**
     * A report without failed guests.
     *
     * @param appliedRevision the revision last applied
     * @param host the host's status
     * @param wires the status of each wire end on the host
     */
    public HostReport(long appliedRevision, Status host, Map<WireId, Status> wires) {
        this(appliedRevision, host, wires, Map.of());
    }
}
