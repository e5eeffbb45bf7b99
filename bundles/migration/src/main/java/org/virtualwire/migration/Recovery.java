package org.virtualwire.migration;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.WireService;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.spi.Move;

/**
 * Finishes the moves a crash interrupted, as the migration service starts: a move not yet activated is
 * rolled back (the guest ran at the source until then), an active one is settled. Each shows in the history
 * as a migration of its own.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private final WireService wires;
    private final GuestMoves moves;
    private final Steps steps;
    private final Function<Host, CloudDriver> drivers;

    Recovery(WireService wires, GuestMoves moves, Steps steps, Function<Host, CloudDriver> drivers) {
        this.wires = wires;
        this.moves = moves;
        this.steps = steps;
        this.drivers = drivers;
    }

    void run(History history) {
        for (Guest g : wires.guests()) {
            Move move = moves.move(g.id()).orElse(null);
            Host from = move == null ? null : wires.host(move.from()).orElse(null);
            Host to = move == null ? null : wires.host(move.to()).orElse(null);
            if (from == null || to == null) {
                continue;
            }
            List<Endpoint> nics = wires.endpoints().stream().filter(e -> e.id().guest().equals(g.id())).toList();
            Migration m = new Migration(g, from, to, nics, java.util.Map.of(), drivers.apply(from), null);
            history.begin(m);
            LOG.info("Recovering the migration of {} from {} to {}, interrupted in phase {}", g.id(), from.id(), to.id(),
                    move.phase());
            String why = "interrupted in phase " + move.phase() + " by a restart";
            try {
                m.step("recover", () -> why);
                if (move.phase() == Move.Phase.ACTIVE) {
                    m.activated = true;
                    steps.settle().run(m);
                } else {
                    steps.rollback().rollback(m);
                    m.finish(Outcome.ROLLED_BACK, why);
                }
            } catch (Exception e) {
                m.finish(Outcome.FAILED, why + "; recovery failed: " + Migration.message(e));
            }
            history.end(m);
        }
    }
}
