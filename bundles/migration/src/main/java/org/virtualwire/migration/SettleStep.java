package org.virtualwire.migration;

import org.apache.camel.ExchangeProperty;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.api.MigrationRecord.Outcome;

/** Peers send to the destination only and the source's leftovers go: the migration has succeeded. */
public final class SettleStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    SettleStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param r the migration
     * @param m its record
     * @throws Exception if the move could not be settled
     */
    public void run(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m) throws Exception {
        m.step("settle", () -> {
            moves.settle(r.guest().id());
            applied.await("settle");
            return "peers send to " + r.to().id() + " only; " + r.from().id() + " cleaned";
        });
        m.finish(Outcome.SUCCEEDED, "");
    }
}
