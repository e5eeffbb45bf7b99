package org.virtualwire.host.linux;

import java.util.BitSet;

import org.virtualwire.api.EndpointId;
import org.virtualwire.api.ProbeResult;

/**
 * Counts what a probe saw: the answers in the order they arrived, each with the number of the probe it answers
 * and its arrival time. Gives the longest time without an answer (answers missing at the end count up to when
 * the last probe was due), losses, duplicates and reordering.
 */
final class ProbeTally {
    private final double intervalMillis;
    private final BitSet seen = new BitSet();
    private long duplicates;
    private long reordered;
    private long highest = -1;
    private double first = -1;
    private int firstSlot;
    private double last = -1;
    private double gap;

    ProbeTally(double intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** An answer to probe {@code slot}, arrived at {@code atMillis} (any clock, the same for every answer). */
    void answer(int slot, double atMillis) {
        if (seen.get(slot)) {
            duplicates++;
            return;
        }
        seen.set(slot);
        if (slot < highest) {
            reordered++;
        }
        highest = Math.max(highest, slot);
        if (last >= 0) {
            gap = Math.max(gap, atMillis - last);
        }
        if (first < 0) {
            first = atMillis;
            firstSlot = slot;
        }
        last = atMillis;
    }

    /**
     * The result once every answer is in: {@code sent} probes were sent, the last of them numbered
     * {@code lastSlot} (a sender that woke too late for a slot skips it).
     */
    ProbeResult result(EndpointId from, String target, long sent, int lastSlot) {
        double longest = gap;
        if (first >= 0) {
            longest = Math.max(longest, first + (lastSlot - firstSlot) * intervalMillis - last);
        }
        long received = seen.cardinality();
        return new ProbeResult(from, target, sent, received, Math.max(0, sent - received), duplicates, reordered,
                received == 0 ? sent * intervalMillis : longest, intervalMillis);
    }
}
