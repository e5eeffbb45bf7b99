package org.virtualwire.api.cluster;

import java.time.Instant;

/**
 * How far one host's agent is.
 *
 * @param host the host id
 * @param lastReport when its agent last reported (the store's time of the write), or null if unknown
 * @param appliedRevision the revision of the desired state it last applied
 * @param drift how many revisions it is behind the desired state (0: up to date)
 * @param status its own status (OK, DEGRADED, FAILED ...) as reported
 */
public record AgentStatus(String host, Instant lastReport, long appliedRevision, long drift, String status) {
}
