package org.virtualwire.migration;

import org.virtualwire.api.GuestMoves;

/** The desired state has the guest at the destination, which forwards its traffic; peers still send to both. */
public final class ActivateStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    ActivateStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param m the migration
     * @throws Exception if the destination could not be activated
     */
    public void run(Migration m) throws Exception {
        m.step("activate", () -> {
            moves.activate(m.guest.id());
            // from here the guest officially runs at the destination: a later failure cannot be rolled back
            m.activated = true;
            applied.await("activate");
            return m.guest.id() + " runs at " + m.to.id();
        });
    }
}
