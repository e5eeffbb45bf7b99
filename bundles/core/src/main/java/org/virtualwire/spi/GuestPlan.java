package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;

/**
 * A guest that should run on a host, with its NICs.
 *
 * @param guest the guest
 * @param endpoints its NICs
 */
public record GuestPlan(Guest guest, List<Endpoint> endpoints) {
    /** Copies the list. */
    public GuestPlan {
        endpoints = List.copyOf(endpoints);
    }
}
