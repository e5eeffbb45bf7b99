package org.virtualwire.migration;

import org.virtualwire.api.GuestMoves;

/** Peers send to both hosts, so that frames reach the guest wherever it runs during the transfer. */
public final class DualHomeStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    DualHomeStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param m the migration
     * @throws Exception if the peers could not be dual-homed
     */
    public void run(Migration m) throws Exception {
        m.step("dual-home", () -> {
            moves.dualHome(m.guest.id());
            applied.await("dual-home");
            return "peers send to " + m.from.id() + " and " + m.to.id();
        });
    }
}
