package org.virtualwire.gateway.crypto;

/**
 * Time of one gateway run, turned into sequence numbers: a sender starts counting at its start time in
 * milliseconds times 2^20 (room for a million packets per millisecond, and 2^44 ms, until the year 2527), so
 * each run's numbers are above every earlier run's. A receiver treats numbers below its own start time minus the
 * allowed clock skew as replays: packets recorded before it restarted cannot be played back to it.
 *
 * @param startMillis the run's start, milliseconds since the epoch
 * @param skewMillis how far behind a peer's clock may be; 0 turns the floor off
 */
public record StartClock(long startMillis, long skewMillis) {

    /** Shift from milliseconds to sequence numbers. */
    static final int SHIFT = 20;

    /** @return a clock started now */
    public static StartClock now(long skewMillis) {
        return new StartClock(System.currentTimeMillis(), skewMillis);
    }

    long firstSequence() {
        return startMillis << SHIFT;
    }

    long replayFloor() {
        return skewMillis <= 0 ? 0 : Math.max(0, startMillis - skewMillis) << SHIFT;
    }
}
