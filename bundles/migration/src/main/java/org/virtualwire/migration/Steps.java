package org.virtualwire.migration;

import org.virtualwire.spi.GuestMoves;

/**
 * The step beans of the route. They hold no state of their own: each call works on its migration.
 *
 * @param prepare destination ready
 * @param dualHome peers send to both hosts
 * @param transfer the driver moves the guest
 * @param activate the destination forwards
 * @param settle the source is cleaned
 * @param rollback compensation before activation
 * @param unfinished the end of a failure after activation
 */
record Steps(PrepareStep prepare, DualHomeStep dualHome, TransferStep transfer, ActivateStep activate, SettleStep settle,
        RollbackStep rollback, UnfinishedMove unfinished) {

    static Steps of(GuestMoves moves, AgentBarrier applied) {
        return new Steps(new PrepareStep(moves, applied), new DualHomeStep(moves, applied), new TransferStep(),
                new ActivateStep(moves, applied), new SettleStep(moves, applied), new RollbackStep(moves, applied),
                new UnfinishedMove(moves));
    }
}
