package org.virtualwire.api.cluster;

import java.util.List;

/**
 * The store, the controllers and the agents as one controller sees them.
 *
 * @param store the kind of store ({@code zookeeper})
 * @param connectString where the store is (the ZooKeeper connect string)
 * @param connection this controller's connection to it: {@code CONNECTED}, {@code SUSPENDED} (no quorum reached
 *        within the session timeout yet), {@code LOST} (session expired), {@code READ_ONLY}
 * @param controllerId this controller's participant id
 * @param role this controller's role: {@code LEADER}, {@code FOLLOWER}, or {@code NONE} (not a controller)
 * @param leaderId the leading controller's id, or empty when none leads now
 * @param desiredRevision the revision of the desired state this controller holds
 * @param agents each host with a report, by host id
 */
public record ClusterStatus(String store, String connectString, String connection, String controllerId, String role,
        String leaderId, long desiredRevision, List<AgentStatus> agents) {
    /** Copies the list. */
    public ClusterStatus {
        agents = List.copyOf(agents);
    }
}
