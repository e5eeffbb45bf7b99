package org.virtualwire.core.impl;

import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;

import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireId;

/**
 * Hands out VNIs of a configured range that no live wire has, keeping the VNIs of disconnected wires in
 * quarantine: frames of an old wire still under way (in a queue, a gateway, a late retransmission) must not land
 * on a new wire that got its number at once, as lowest-free allocation did on the very next connect.
 *
 * <p>The rule, deterministic: a new wire gets a VNI never handed out since the controller started, searching
 * next-fit (from after the last one handed out, wrapping around at the end of the range); only when none is left
 * does it get a released one, the one released longest ago. So a released VNI comes back only after every other
 * free VNI. The quarantine remembers the last {@value #REMEMBERED} releases; an older one counts as never handed
 * out again, and the next-fit search reaches it only after wrapping around the range.
 *
 * <p>The memory ({@link History}) is the controller's, not the store's: after a restart the search starts above
 * the highest live VNI (a VNI released just before the restart and above every live one may come back; a
 * restart takes seconds, longer than frames stay under way).
 */
final class VniPool {
    /** How many releases the quarantine remembers in order. */
    static final int REMEMBERED = 65536;

    private final int min;
    private final int max;
    private final BitSet used = new BitSet();
    private final History history;

    /**
     * What the pool remembers between changes: where the next-fit search goes on, and the released VNIs,
     * oldest first. Each change works on a copy; the controller keeps the copy of a change it committed.
     */
    static final class History {
        private int next;
        private final LinkedHashSet<Integer> released;

        /** @return a history for a controller that just started: the search starts at 0 (above the live VNIs) */
        static History fresh() {
            return new History(0, new LinkedHashSet<>());
        }

        private History(int next, LinkedHashSet<Integer> released) {
            this.next = next;
            this.released = released;
        }

        History copy() {
            return new History(next, new LinkedHashSet<>(released));
        }
    }

    /**
     * @param live the VNIs of the wires there are
     * @param history what the pool remembers (copied: this pool's changes stay in {@link #history()})
     */
    VniPool(int min, int max, Collection<WireId> live, History history) {
        if (min < 1 || max > WireId.MAX_VNI || min > max) {
            throw new IllegalArgumentException("VNI range " + min + ".." + max + " must lie within 1.." + WireId.MAX_VNI);
        }
        this.min = min;
        this.max = max;
        live.forEach(w -> used.set(w.vni()));
        this.history = history.copy();
        if (this.history.next < min || this.history.next > max) {
            int highest = live.stream().mapToInt(WireId::vni).filter(v -> v >= min && v <= max).max().orElse(max);
            this.history.next = highest >= max ? min : highest + 1;
        }
        this.history.released.removeIf(v -> used.get(v) || v < min || v > max);
    }

    WireId allocate() {
        int vni = fresh(history.next);
        if (vni > max) {
            vni = fresh(min);
        }
        if (vni <= max) {
            history.next = vni >= max ? min : vni + 1;
        } else if (!history.released.isEmpty()) {
            vni = history.released.iterator().next(); // the one released longest ago
            history.released.remove(vni);
        } else {
            throw new VirtualWireException("wire", "VNI pool exhausted: all " + (max - min + 1) + " wire ids from "
                    + min + " to " + max + " are in use; disconnect a wire or widen vni.min/vni.max");
        }
        used.set(vni);
        return new WireId(vni);
    }

    /** @return the lowest VNI from {@code from} that is neither live nor in quarantine, or more than max */
    private int fresh(int from) {
        int vni = used.nextClearBit(from);
        while (vni <= max && history.released.contains(vni)) {
            vni = used.nextClearBit(vni + 1);
        }
        return vni;
    }

    void release(WireId id) {
        used.clear(id.vni());
        history.released.remove(id.vni());
        history.released.add(id.vni());
        if (history.released.size() > REMEMBERED) {
            history.released.remove(history.released.iterator().next());
        }
    }

    /** @return what this pool remembers now, for the controller to keep when the change is committed */
    History history() {
        return history;
    }
}
