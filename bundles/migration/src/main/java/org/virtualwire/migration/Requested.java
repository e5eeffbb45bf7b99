package org.virtualwire.migration;

/**
 * The result of a step's first half: the controller stored its change, the agents have yet to apply it. The
 * route carries it to the second half, which waits for the agents and records the whole step from {@code t0}.
 *
 * @param t0 when the step started, from {@link System#nanoTime()}
 */
record Requested(long t0) {
    static Requested now() {
        return new Requested(System.nanoTime());
    }
}
