package org.virtualwire.api;

/**
 * How far the agents are with the desired state as it is now, for progress shown while waiting on them.
 *
 * @param converged hosts whose agent has applied the current revision
 * @param hosts hosts in the desired state
 */
public record Convergence(int converged, int hosts) {
    /** @return whether every host has applied it */
    public boolean complete() {
        return converged >= hosts;
    }
}
