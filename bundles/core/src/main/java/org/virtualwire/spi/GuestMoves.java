package org.virtualwire.spi;

import java.util.Optional;

import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;


/**
 * The steps of a guest's migration as changes of the desired state; the migration workflow calls them in
 * order and waits for the agents after each. Every step is stored durably, so a restart finds the move
 * where it was.
 */
public interface GuestMoves {
    /**
     * Starts a move: the destination prepares the guest and pre-creates its wire ends; peers still send to
     * the source.
     *
     * @param guest the guest
     * @param to the destination host
     * @return the move
     * @throws org.virtualwire.api.VirtualWireException for an unknown guest or host, the guest's own host, an
     *         unreachable host, or a guest that is already moving
     */
    Move prepare(GuestId guest, HostId to);

    /**
     * @param guest a prepared guest
     * @return the move, now with peers sending to both hosts
     */
    Move dualHome(GuestId guest);

    /**
     * @param guest a dual-homed guest that now runs at the destination
     * @return the move, with the guest's host now the destination
     */
    Move activate(GuestId guest);

    /**
     * Ends a move: peers send to the destination only; the source's leftovers are removed.
     *
     * @param guest an active guest
     */
    void settle(GuestId guest);

    /**
     * Abandons a move that was not activated: the guest stays at the source, the destination is cleaned.
     *
     * @param guest a moving guest
     */
    void rollback(GuestId guest);

    /**
     * @param guest a guest
     * @return its move, if one is under way
     */
    Optional<Move> move(GuestId guest);
}
