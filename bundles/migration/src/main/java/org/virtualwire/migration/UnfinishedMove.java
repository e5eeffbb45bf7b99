package org.virtualwire.migration;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.GuestMoves;
import org.virtualwire.spi.Move;

/**
 * Ends a migration that failed after activation. There is no way back then (the guest runs at the
 * destination), so it says what is left; a move still under way is settled at the next start.
 */
public final class UnfinishedMove {
    private final GuestMoves moves;

    UnfinishedMove(GuestMoves moves) {
        this.moves = moves;
    }

    /**
     * @param m the migration
     * @param cause why it failed
     */
    public void run(Migration m, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        m.finish(Outcome.FAILED, Migration.message(cause) + "; " + describe(m, moves));
    }

    static String describe(Migration m, GuestMoves moves) {
        Move move;
        try {
            move = moves.move(m.guest.id()).orElse(null);
        } catch (RuntimeException e) {
            return "what is left is unknown: " + Migration.message(e);
        }
        if (move == null) {
            return "no move is left in the desired state; the agents keep applying it (see vw:host-list)";
        }
        String where = move.phase() == Move.Phase.ACTIVE ? "the guest runs at " + move.to() : "the guest runs at " + move.from();
        return "left: " + where + ", its move is still in phase " + move.phase() + " (peers send to " + move.sendTo()
                + "); it is finished when the migration service starts again";
    }
}
