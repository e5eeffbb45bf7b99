package org.virtualwire.migration;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.spi.GuestMoves;

/**
 * Compensates a migration that failed before activation: the guest keeps running at the source, its wires
 * keep working, and nothing is left at the destination.
 */
public final class RollbackStep {
    private final GuestMoves moves;
    private final Applied applied;

    RollbackStep(GuestMoves moves, Applied applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param m the migration
     * @param cause why it failed
     */
    public void run(Migration m, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String why = Migration.message(cause);
        try {
            rollback(m);
            m.finish(Outcome.ROLLED_BACK, why);
        } catch (Exception e) {
            m.finish(Outcome.FAILED, why + "; the rollback failed too: " + Migration.message(e) + "; "
                    + Leftovers.describe(m, moves));
        }
    }

    /**
     * Rolls back without a route (recovery after a restart).
     *
     * @param m the migration
     * @throws Exception if it could not
     */
    void rollback(Migration m) throws Exception {
        m.step("rollback", () -> {
            if (m.transferred) {
                // the guest already runs at the destination although the desired state never moved it there:
                // bring it back first, or rolling back the wires would cut it off
                m.runtime.transfer(m.guest, m.to, m.from, m.nics, m.options);
                m.transferred = false;
            }
            moves.rollback(m.guest.id());
            applied.await("rollback");
            return m.guest.id() + " stays at " + m.from.id() + "; " + m.to.id() + " cleaned";
        });
    }
}
