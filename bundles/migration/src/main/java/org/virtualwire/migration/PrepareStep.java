package org.virtualwire.migration;

import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.GuestMoves;

/** The destination prepares the guest and pre-creates its wire ends; peers still send to the source. */
public final class PrepareStep {
    private final GuestMoves moves;
    private final AgentBarrier applied;

    PrepareStep(GuestMoves moves, AgentBarrier applied) {
        this.moves = moves;
        this.applied = applied;
    }

    /**
     * @param m the migration
     * @throws Exception if the destination could not be prepared
     */
    public void run(Migration m) throws Exception {
        long t0 = System.nanoTime();
        try {
            moves.prepare(m.guest.id(), m.to.id());
        } catch (VirtualWireException e) {
            // a refusal (unknown host, already migrating, ...): nothing changed, so no step to show and nothing
            // to roll back; the caller gets this exception as it is
            m.refusal = e;
            throw e;
        }
        m.prepared = true;
        m.step("prepare", t0, () -> {
            applied.await("prepare");
            return m.to.id() + " ready with " + m.nics.size() + " wire end(s)";
        });
    }
}
