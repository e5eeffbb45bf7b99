package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.Host;

/**
 * Everything a cloud driver should make exist on one host; anything of VirtualWire's on the host that
 * the plan does not list is removed.
 *
 * @param host the host
 * @param cloud its cloud
 * @param guests the guests on it, with their NICs
 * @param localLinks wires between two NICs of this host
 */
public record HostPlan(Host host, Cloud cloud, List<GuestPlan> guests, List<LocalLink> localLinks) {
    /** Copies the lists. */
    public HostPlan {
        guests = List.copyOf(guests);
        localLinks = List.copyOf(localLinks);
    }
}
