package org.virtualwire.api;

/**
 * Counters of both ends of a wire.
 *
 * @param wire the wire
 * @param a counters at end a
 * @param b counters at end b
 */
public record WireCounters(WireId wire, EndCounters a, EndCounters b) {
}
