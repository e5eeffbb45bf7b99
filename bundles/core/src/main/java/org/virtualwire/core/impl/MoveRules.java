package org.virtualwire.core.impl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.spi.Move;

/**
 * The phases of a guest's migration in the desired state: prepare (to a reachable host that is no gateway, with
 * paths wide and routed enough for all its wires), then each phase from the one before, then settle or roll back
 * (not once it runs at the target). One migration per guest at a time.
 */
final class MoveRules {
    private final ChangeSet changes;
    private final Function<Host, Optional<String>> unreachable;
    private final MtuFitting mtu;

    /** @param unreachable why a host cannot be managed now; empty when it can */
    MoveRules(ChangeSet changes, Function<Host, Optional<String>> unreachable, MtuFitting mtu) {
        this.changes = changes;
        this.unreachable = unreachable;
        this.mtu = mtu;
    }

    Move prepare(GuestId id, HostId to) {
        Guest guest = changes.guest(id);
        Host target = changes.host(to);
        refuseWhileMoving(changes, id);
        if (guest.host().equals(to)) {
            throw new VirtualWireException("host", "guest " + id + " already runs on host " + to);
        }
        unreachable.apply(target).ifPresent(why -> {
            throw new VirtualWireException("host", "host " + to + " is unreachable: " + why);
        });
        if (target.gateway()) {
            throw new VirtualWireException("host", "host " + to + " is its cloud's gateway: it runs no guests");
        }
        for (Wire w : changes.wires().values()) {
            if (w.toOutside()) {
                CloudId home = changes.host(guest.host()).cloud();
                if (w.a().guest().equals(id) && !target.cloud().equals(home)) {
                    throw new VirtualWireException("host", "guest " + id + " has wire " + w.id() + " to outside VTEP "
                            + w.outside() + ", anchored at " + w.outside().anchor() + " in cloud " + home
                            + ": it moves only within that cloud");
                }
                continue;
            }
            EndpointId peer = w.a().guest().equals(id) ? w.b() : w.b().guest().equals(id) ? w.a() : null;
            if (peer != null && !peer.guest().equals(id)) {
                Gateways.checkPath(changes.hosts().values(), target, changes.hostOf(peer));
            }
        }
        Move move = new Move(id, guest.host(), target.id(), Move.Phase.PREPARE);
        changes.put(move);
        String what = "moving guest " + id + " to host " + to;
        mtu.checkPaths(changes.wires().values().stream().filter(w -> w.ends().stream().anyMatch(e -> e.guest().equals(id)))
                .toList(), what);
        // while it moves its wires take both paths: the narrower counts on every segment they reach, before
        // a frame is sent (a VM there that cannot follow refuses the move now, before anything started)
        mtu.fit(nics(id), what);
        return move;
    }

    Move advance(GuestId id, Move.Phase from, Move.Phase to) {
        Move move = changes.moves().get(id);
        if (move == null || move.phase() != from) {
            throw new VirtualWireException("guest", "guest " + id + " is not in migration phase " + from
                    + (move == null ? " (no migration under way)" : " (it is in " + move.phase() + ")"));
        }
        if (to == Move.Phase.ACTIVE) {
            changes.runOn(id, move.to());
        }
        Move next = move.in(to);
        changes.put(next);
        return next;
    }

    void end(GuestId id, boolean rollback) {
        Move move = changes.moves().get(id);
        if (move == null) {
            throw new VirtualWireException("guest", "guest " + id + " has no migration under way");
        }
        if (rollback && move.phase() == Move.Phase.ACTIVE) {
            throw new VirtualWireException("guest", "guest " + id + " already runs at " + move.to() + ": settle, do not roll back");
        }
        changes.endMove(id);
        mtu.fit(nics(id), null); // one path again (mtu)
    }

    private List<EndpointId> nics(GuestId id) {
        return changes.endpoints().keySet().stream().filter(e -> e.guest().equals(id)).toList();
    }

    /** Refuses to change a guest that is migrating: its migration owns it until settled or rolled back. */
    static void refuseWhileMoving(ChangeSet changes, GuestId id) {
        Move m = changes.moves().get(id);
        if (m != null) {
            throw new VirtualWireException("guest", "guest " + id + " is already migrating (from " + m.from() + " to "
                    + m.to() + ", " + m.phase().name().toLowerCase(Locale.ROOT) + ")");
        }
    }
}
