package org.virtualwire.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.WireService;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.Move;

/**
 * Finishes the migrations a crash interrupted, as the migration service starts (or, among several controllers of a
 * replicated store, as this one gains leadership: then the moves a dead leader left): a move not yet activated is
 * rolled back (the guest ran at the source until then; if the saved record shows its transfer done, the driver
 * moves it back first), an active one is settled. A migration the history
 * saved as running ends under its own number; a move the history does not know (saved by an older version)
 * shows as a migration of its own. A migration saved as running whose move is gone from the desired state
 * (the crash came before its move was stored, or after it was settled) ends as what the desired state says:
 * SUCCEEDED where the guest is at the destination, ROLLED_BACK where it is still at the source.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private final WireService wires;
    private final GuestMoves moves;
    private final Steps steps;
    private final Function<Host, HostRuntime> runtimes;
    private final Predicate<GuestId> busy;

    /** @param busy the guests whose migration runs in this controller now: theirs are not interrupted, left alone */
    Recovery(WireService wires, GuestMoves moves, Steps steps, Function<Host, HostRuntime> runtimes, Predicate<GuestId> busy) {
        this.busy = busy;
        this.wires = wires;
        this.moves = moves;
        this.steps = steps;
        this.runtimes = runtimes;
    }

    /**
     * @param history this controller's history
     * @param inFlight the records of migrations under way kept in the store: another controller's, if it died
     */
    void run(History history, InFlight inFlight) {
        List<MigrationRecord> interrupted = new ArrayList<>(history.interrupted());
        Map<GuestId, MigrationRecord> elsewhere = new HashMap<>(inFlight.all());
        for (Guest g : wires.guests()) {
            Move move = moves.move(g.id()).orElse(null);
            Host from = move == null ? null : wires.host(move.from()).orElse(null);
            Host to = move == null ? null : wires.host(move.to()).orElse(null);
            if (from == null || to == null || busy.test(g.id())) {
                continue;
            }
            List<Endpoint> nics = wires.endpoints().stream().filter(e -> e.id().guest().equals(g.id())).toList();
            MigrationRequest request = new MigrationRequest(g, from, to, nics, Map.of(), runtimes.apply(from), List.of());
            Migration m = new Migration(request, null);
            boolean transferred = false;
            Optional<MigrationRecord> record = interrupted.stream().filter(r -> r.guest().equals(g.id())
                    && r.from().equals(move.from()) && r.to().equals(move.to())).reduce((first, later) -> later);
            MigrationRecord theirs = elsewhere.remove(g.id());
            Optional<MigrationRecord> known = record;
            if (record.isPresent()) {
                interrupted.remove(record.get());
                history.resume(m, record.get());
            } else {
                history.begin(m);
                if (theirs != null && theirs.from().equals(move.from()) && theirs.to().equals(move.to())) {
                    // the controller that led before this one died in the middle: its record says how far it came
                    m.carryOn(theirs);
                    known = Optional.of(theirs);
                }
            }
            // the driver had moved the guest (a VM runs at the destination, its source QEMU gone): a rollback
            // must move it back first, or the destination's agent stops the only copy of the guest
            transferred = move.phase() != Move.Phase.ACTIVE && known.isPresent() && known.get().steps().stream()
                    .anyMatch(s -> s.name().equals("transfer") && !s.detail().startsWith("failed"));
            LOG.info("Recovering the migration of {} from {} to {}, interrupted in phase {}", g.id(), from.id(), to.id(),
                    move.phase());
            String why = "interrupted in phase " + move.phase() + " by a restart";
            try {
                m.step("recover", () -> why);
                if (move.phase() == Move.Phase.ACTIVE) {
                    steps.settle().run(request, m);
                } else {
                    steps.rollback().rollback(request, m, transferred);
                    m.finish(Outcome.ROLLED_BACK, why);
                }
            } catch (Exception e) {
                m.finish(Outcome.FAILED, why + "; recovery failed: " + Migration.message(e));
            }
            history.end(m);
        }
        for (MigrationRecord r : interrupted) {
            history.endInterrupted(r, ended(r));
        }
        // records of migrations that left no move (never stored, or ended before their record was dropped)
        elsewhere.keySet().stream().filter(g -> !busy.test(g)).forEach(inFlight::drop);
    }

    /** @return an interrupted migration without a move left, ended as the desired state says */
    private MigrationRecord ended(MigrationRecord r) {
        Optional<Guest> guest = wires.guest(r.guest());
        Outcome outcome;
        String detail;
        if (guest.isEmpty()) {
            outcome = Outcome.FAILED;
            detail = "interrupted by a restart; guest " + r.guest() + " is no longer in the desired state";
        } else if (guest.get().host().equals(r.to())) {
            outcome = Outcome.SUCCEEDED;
            detail = "interrupted by a restart after its move ended: " + r.guest() + " runs at " + r.to();
        } else {
            outcome = guest.get().host().equals(r.from()) ? Outcome.ROLLED_BACK : Outcome.FAILED;
            detail = "interrupted by a restart; no move is left (never stored, or rolled back): " + r.guest() + " runs at "
                    + guest.get().host();
        }
        LOG.info("Migration {} of {} from {} to {} was interrupted by a restart: {}", r.id(), r.guest(), r.from(), r.to(), detail);
        List<MigrationStep> steps = new ArrayList<>(r.steps());
        steps.add(new MigrationStep("recover", 0, detail));
        return new MigrationRecord(r.id(), r.guest(), r.from(), r.to(), r.started(), steps, r.totalMillis(), r.pauseMillis(),
                outcome, outcome == Outcome.SUCCEEDED ? "" : detail);
    }
}
