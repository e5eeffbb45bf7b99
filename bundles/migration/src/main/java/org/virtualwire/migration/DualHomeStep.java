package org.virtualwire.migration;

import org.apache.camel.ExchangeProperty;
import org.virtualwire.spi.GuestMoves;

/** Peers send to both hosts, so that frames reach the guest wherever it runs during the transfer. */
public final class DualHomeStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    DualHomeStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param r the migration
     * @param m its record
     * @throws Exception if the peers could not be dual-homed
     */
    public void run(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m) throws Exception {
        m.step("dual-home", () -> {
            moves.dualHome(r.guest().id());
            applied.await("dual-home");
            return "peers send to " + r.from().id() + " and " + r.to().id();
        });
    }
}
