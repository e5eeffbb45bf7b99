package org.virtualwire.api;

/** How a host or a wire is doing, as its agents see it. */
public enum Health {
    /** Applied and forwarding. */
    UP,
    /** Desired but not yet applied. */
    PENDING,
    /** Kept as it was, but something it needs is missing (a driver, a tunnel protocol). */
    DEGRADED,
    /** Applying failed; the detail says why. */
    FAILED
}
