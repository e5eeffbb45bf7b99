package org.virtualwire.core.impl;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.virtualwire.api.Host;
import org.virtualwire.api.WireEvent;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireListener;
import org.virtualwire.spi.Topology;

/**
 * The change side of the controller: runs each request through the rules ({@link ChangeRules}) on a fresh
 * {@link ChangeSet} of the current state,
 * commits it to the store in one piece (or nothing, when a rule refuses it), and tells listeners. Requests
 * are serialized; listeners are told outside the lock.
 */
final class WireChanges {
    private final ControllerState state;
    private final Function<Host, Optional<String>> unreachable;
    private final CopyOnWriteArrayList<WireListener> listeners = new CopyOnWriteArrayList<>();
    private int vniMin = 1;
    private int vniMax = WireId.MAX_VNI;
    /** The VNIs of disconnected wires in quarantine, kept from one committed change to the next. */
    private VniPool.History vniHistory = VniPool.History.fresh();

    /** @param unreachable why a host cannot be managed now; empty when it can */
    WireChanges(ControllerState state, Function<Host, Optional<String>> unreachable) {
        this.state = state;
        this.unreachable = unreachable;
    }

    /** Sets the VNIs handed out, before the first request. */
    synchronized void vniRange(int min, int max) {
        vniMin = min;
        vniMax = max;
    }

    <T> T change(Function<ChangeRules, T> request) {
        List<WireEvent> events;
        T result;
        synchronized (this) {
            Topology base = state.store().current();
            ChangeSet changes = new ChangeSet(base, vniMin, vniMax, vniHistory);
            ChangeRules rules = new ChangeRules(changes, state.plugins, unreachable);
            result = request.apply(rules);
            rules.finish(); // MTUs fitted and next hops checked, once for the whole request; may refuse it
            if (!changes.changed()) {
                return result;
            }
            state.store().commit(base, changes.build());
            vniHistory = changes.vniHistory();
            events = changes.events();
        }
        events.forEach(e -> listeners.forEach(l -> l.event(e)));
        return result;
    }

    void run(Consumer<ChangeRules> request) {
        change(d -> {
            request.accept(d);
            return null;
        });
    }

    void addListener(WireListener listener) {
        listeners.add(listener);
    }

    void removeListener(WireListener listener) {
        listeners.remove(listener);
    }
}
