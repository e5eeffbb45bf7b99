package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;

/**
 * A guest that should run on a host, with its NICs.
 *
 * @param guest the guest
 * @param endpoints its NICs
 * @param incoming whether the guest is arriving by migration: its host side is prepared (a VM waits for
 *        its state), but a container's NICs are not made, since they come with the container
 */
public record GuestPlan(Guest guest, List<Endpoint> endpoints, boolean incoming) {
    /** Copies the list. */
    public GuestPlan {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * A guest that runs here.
     *
     * @param guest the guest
     * @param endpoints its NICs
     */
    public GuestPlan(Guest guest, List<Endpoint> endpoints) {
        this(guest, endpoints, false);
    }
}
