package org.virtualwire.migration;

import org.apache.camel.ExchangeProperty;
import org.virtualwire.spi.GuestMoves;

/** The desired state has the guest at the destination, which forwards its traffic; peers still send to both. */
public final class ActivateStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    ActivateStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * Moves the guest in the desired state: once this returns there is no way back, and the route knows it by
     * this step's result.
     *
     * @param r the migration
     * @param m its record
     * @return when the step started, for {@link #await}
     * @throws Exception if the controller did not activate the move (the guest still runs at the source there)
     */
    public Requested request(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m) throws Exception {
        Requested t = Requested.now();
        try {
            moves.activate(r.guest().id());
        } catch (Exception e) {
            m.failed("activate", t.t0(), e);
            throw e;
        }
        return t;
    }

    /**
     * @param r the migration
     * @param m its record
     * @param t when the step started
     * @throws Exception if the agents did not apply it in time
     */
    public void await(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m,
            @ExchangeProperty(MigrationRoute.ACTIVATED) Requested t) throws Exception {
        m.step("activate", t.t0(), () -> {
            applied.await("activate");
            return r.guest().id() + " runs at " + r.to().id();
        });
    }
}
