package org.virtualwire.migration;

import org.apache.camel.ExchangeProperty;
import org.virtualwire.spi.GuestMoves;

/** The destination prepares the guest and pre-creates its wire ends; peers still send to the source. */
public final class PrepareStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    PrepareStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * Stores the move. A refusal (unknown host, already migrating, ...) changed nothing: no step to show and
     * nothing to roll back, so it leaves the route as the controller threw it.
     *
     * @param r the migration
     * @return when the step started, for {@link #await}
     */
    public Requested request(MigrationRequest r) {
        Requested t = Requested.now();
        moves.prepare(r.guest().id(), r.to().id());
        return t;
    }

    /**
     * @param r the migration
     * @param m its record
     * @param t when the step started
     * @throws Exception if the destination was not prepared in time
     */
    public void await(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m,
            @ExchangeProperty(MigrationRoute.PREPARED) Requested t) throws Exception {
        m.step("prepare", t.t0(), () -> {
            applied.await("prepare");
            return r.to().id() + " ready with " + r.nics().size() + " wire end(s)";
        });
    }
}
