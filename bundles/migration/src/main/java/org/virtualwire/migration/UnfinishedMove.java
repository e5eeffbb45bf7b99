package org.virtualwire.migration;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.virtualwire.api.GuestId;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.spi.Move;

/**
 * Ends a migration that failed after activation. There is no way back then (the guest runs at the
 * destination), so it says what its move left; a move still under way is settled at the next start.
 */
public final class UnfinishedMove {
    private final GuestMoves moves;

    UnfinishedMove(GuestMoves moves) {
        this.moves = moves;
    }

    /**
     * @param r the migration
     * @param m its record
     * @param cause why it failed
     */
    public void run(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        m.finish(Outcome.FAILED, Migration.message(cause) + "; " + describe(r.guest().id(), moves));
    }

    static String describe(GuestId guest, GuestMoves moves) {
        Move move;
        try {
            move = moves.move(guest).orElse(null);
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
