package org.virtualwire.api;

import java.time.Duration;

/**
 * A probe to run while a guest migrates, so that the result says what a peer felt (gaps, losses).
 *
 * @param from the endpoint that probes
 * @param target the probed endpoint, or null for the migrating guest's first NIC with an IPv4 address (name one
 *        behind a switch or router that migrates)
 * @param duration how long the probe runs, or null for the default (3 s, 15 s for a VM); it must outlast the
 *        migration
 */
public record MigrationProbe(EndpointId from, EndpointId target, Duration duration) {
    public MigrationProbe {
        if (from == null) {
            throw new VirtualWireException("probe", "a migration probe needs the endpoint it probes from");
        }
    }
}
