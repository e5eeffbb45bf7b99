package org.virtualwire.api;

/**
 * One pass of a host's agent that changed the host's data plane (or tried to): the plan of a revision applied by the
 * cloud driver, the host runtime, the tunnels and the gateway relay. Passes that only found the plan applied already
 * (and perhaps verified it) are not told.
 *
 * @param host the host
 * @param revision the revision of the desired state it applied
 * @param millis how long the pass took, in milliseconds
 * @param succeeded whether everything of the plan was made (false: the host, a guest or a wire end failed; the agent
 *        retries)
 */
public record AgentPass(HostId host, long revision, double millis, boolean succeeded) {
}
