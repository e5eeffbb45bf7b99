package org.virtualwire.spi;

import java.util.List;

import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;

/**
 * A guest on its way from one host to another. While it lasts, the guest is present on both hosts and its
 * peers may send to both, so that no frame is lost while the hypervisor moves the guest or the driver switches
 * its traffic to the destination.
 *
 * @param guest the guest
 * @param from the host it leaves
 * @param to the host it goes to
 * @param phase how far the move is
 */
public record Move(GuestId guest, HostId from, HostId to, Phase phase) {
    /** Steps of a move, in order; settling removes the move. */
    public enum Phase {
        /** The destination is prepared (guest incoming, wire ends pre-created); peers send to the source. */
        PREPARE,
        /** Peers send to both hosts. */
        DUAL_HOME,
        /** The guest runs at the destination ({@code guest.host() == to}); peers still send to both. */
        ACTIVE
    }

    /** @return the hosts peers send to: the guest's current host first */
    public List<HostId> sendTo() {
        return switch (phase) {
            case PREPARE -> List.of(from);
            case DUAL_HOME -> List.of(from, to);
            case ACTIVE -> List.of(to, from);
        };
    }

    /**
     * @param next the next phase
     * @return this move in that phase
     */
    public Move in(Phase next) {
        return new Move(guest, from, to, next);
    }
}
