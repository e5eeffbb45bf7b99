package org.virtualwire.migration;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.spi.TransferResult;

/**
 * Compensates a migration that failed before activation: the guest keeps running at the source, its wires
 * keep working, and nothing is left at the destination.
 */
public final class RollbackStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    RollbackStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param r the migration
     * @param m its record
     * @param transferred the transfer's result, null if the driver did not move the guest
     * @param cause why it failed
     */
    public void run(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m,
            @ExchangeProperty(MigrationRoute.TRANSFERRED) TransferResult transferred,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String why = Migration.message(cause);
        try {
            rollback(r, m, transferred != null);
            m.finish(Outcome.ROLLED_BACK, why);
        } catch (Exception e) {
            m.finish(Outcome.FAILED, why + "; the rollback failed too: " + Migration.message(e) + "; "
                    + UnfinishedMove.describe(r.guest().id(), moves));
        }
    }

    /**
     * Rolls back without a route (recovery after a restart).
     *
     * @param r the migration
     * @param m its record
     * @param transferred whether the driver had moved the guest
     * @throws Exception if it could not
     */
    void rollback(MigrationRequest r, Migration m, boolean transferred) throws Exception {
        m.step("rollback", () -> {
            if (transferred) {
                // the guest already runs at the destination although the desired state never moved it there:
                // bring it back first, or rolling back the wires would cut it off
                r.runtime().transfer(r.guest(), r.to(), r.from(), r.nics(), r.options());
            }
            moves.rollback(r.guest().id());
            applied.await("rollback");
            return r.guest().id() + " stays at " + r.from().id() + "; " + r.to().id() + " cleaned";
        });
    }
}
