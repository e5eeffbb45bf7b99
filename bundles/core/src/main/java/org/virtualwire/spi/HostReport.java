package org.virtualwire.spi;

import java.util.Map;

import org.virtualwire.api.Status;
import org.virtualwire.api.WireId;

/**
 * What a host's agent last saw and did.
 *
 * @param appliedRevision the revision of the desired state it last applied in full
 * @param host the host's own status
 * @param wires the status of each wire end on the host
 */
public record HostReport(long appliedRevision, Status host, Map<WireId, Status> wires) {
    /** Copies the map. */
    public HostReport {
        wires = Map.copyOf(wires);
    }
}
