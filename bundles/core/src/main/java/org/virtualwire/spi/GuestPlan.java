package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;

/**
 * A guest that should run on a host, with its NICs.
 *
 * @param guest the guest
 * @param endpoints its NICs
 * @param incoming whether the guest is present here without running here: arriving by migration, its host
 *        side is prepared (a VM waits for its state; a container's host-side devices are made but carry
 *        nothing to the guest until the transfer switches to them); a container is also present (its devices
 *        kept, carrying nothing to it) on the host it left, from activation until its move settles
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
