package org.virtualwire.migration;

import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.GuestMoves;

/** Peers send to the destination only and the source's leftovers go: the migration has succeeded. */
public final class SettleStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    SettleStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param m the migration
     * @throws Exception if the move could not be settled
     */
    public void run(Migration m) throws Exception {
        m.step("settle", () -> {
            moves.settle(m.guest.id());
            applied.await("settle");
            return "peers send to " + m.to.id() + " only; " + m.from.id() + " cleaned";
        });
        m.finish(Outcome.SUCCEEDED, "");
    }
}
