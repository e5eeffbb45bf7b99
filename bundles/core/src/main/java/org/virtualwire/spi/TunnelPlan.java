package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.HostId;

/**
 * Every wire end of one tunnel protocol that should exist on one host; the provider removes its own
 * wire ends that are not listed, and leaves what it finds right as it is.
 *
 * @param host the host
 * @param netns the network namespace where the host's devices live, or null for the current one
 * @param ends the wire ends
 */
public record TunnelPlan(HostId host, String netns, List<WireEnd> ends) {
    /** Copies the list. */
    public TunnelPlan {
        ends = List.copyOf(ends);
    }
}
