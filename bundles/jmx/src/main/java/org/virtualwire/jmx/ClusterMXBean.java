package org.virtualwire.jmx;

import java.util.List;

/** The replicated store, the controllers' election and each host's agent, over JMX (as vw:cluster-status). */
public interface ClusterMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=cluster,name=default";

    /** @return {@code zookeeper}, or {@code file} when there is no cluster */
    String getStore();

    /** @return the ZooKeeper connect string, empty for the file store */
    String getConnectString();

    /** @return CONNECTED, SUSPENDED, LOST, READ_ONLY; CONNECTED for the file store */
    String getConnection();

    /** @return the leading controller's id, empty if none leads now or for the file store */
    String getLeader();

    /** @return this controller's participant id, empty for the file store */
    String getControllerId();

    /** @return LEADER, FOLLOWER or NONE; LEADER for the file store (the only controller) */
    String getRole();

    /** @return the revision of the desired state this controller holds */
    long getDesiredRevision();

    /** @return each host's agent with its last report (its time is known on the replicated store only) */
    List<AgentInfo> getAgents();
}
