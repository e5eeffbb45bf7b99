package org.virtualwire.api;

import java.time.Duration;

/** Measures what users feel: gaps, losses, duplicates and reordering between two guests. */
public interface ProbeService {
    /**
     * Sends sequenced packets from one endpoint's guest to another endpoint's address at a fixed rate and
     * collects the answers. Blocks for the duration.
     *
     * @param from the sending endpoint
     * @param to the probed endpoint, which must have an IPv4 address
     * @param duration how long to send
     * @param interval time between two packets (1 ms or less for migrations)
     * @return what was seen
     * @throws VirtualWireException for unknown endpoints, an endpoint without address, or a cloud that cannot probe
     */
    ProbeResult probe(EndpointId from, EndpointId to, Duration duration, Duration interval);
}
