package org.virtualwire.migration;

import java.time.Duration;

import org.virtualwire.api.WireService;

/**
 * Waits for every agent to apply the desired state after a step changed it: the next step may rely on what
 * this one made (peers sending to both hosts before the guest moves, for example).
 */
final class AgentBarrier {
    private final WireService wires;
    private final Duration timeout;

    AgentBarrier(WireService wires, Duration timeout) {
        this.wires = wires;
        this.timeout = timeout;
    }

    /**
     * @param what the change, for the message
     * @throws IllegalStateException if the agents did not apply it in time
     */
    void await(String what) {
        if (!wires.awaitApplied(timeout)) {
            throw new IllegalStateException(what + " was not applied on every host within " + timeout.toMillis() + " ms");
        }
    }
}
