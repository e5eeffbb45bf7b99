package org.virtualwire.store.zookeeper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.virtualwire.api.cluster.AgentStatus;
import org.virtualwire.api.cluster.ClusterStatus;
import org.virtualwire.spi.EntityJson;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.cluster.ControllerRole;

/**
 * The cluster as this controller sees it: its connection, the election, and each host's report znode (whose
 * modification time is when its agent last reported).
 */
final class ClusterView {
    private final CuratorFramework zk;
    private final String reports;
    private final ControllerRole role;
    private final LongSupplier desired;
    private volatile ConnectionState connection = ConnectionState.CONNECTED;

    ClusterView(CuratorFramework zk, String root, ControllerRole role, LongSupplier desired) {
        this.zk = zk;
        this.reports = root + "/" + ZooKeeperWireStore.REPORTS;
        this.role = role;
        this.desired = desired;
        zk.getConnectionStateListenable().addListener((c, state) -> connection = state);
    }

    ClusterStatus status() {
        String state = switch (connection) {
            case CONNECTED, RECONNECTED -> "CONNECTED";
            default -> connection.name();
        };
        long revision = desired.getAsLong();
        // a process outside the election (controller = false) has no id of its own
        String roleName = role == null || role.id().isEmpty() ? "NONE" : role.leading() ? "LEADER" : "FOLLOWER";
        String leader = role == null ? "" : role.leader().orElse("");
        return new ClusterStatus("zookeeper", zk.getZookeeperClient().getCurrentConnectionString(), state,
                role == null ? "" : role.id(), roleName, leader, revision, agents(revision));
    }

    /** @return each host's report, or none while the ensemble cannot be read */
    private List<AgentStatus> agents(long revision) {
        List<AgentStatus> out = new ArrayList<>();
        if (!zk.getZookeeperClient().isConnected()) {
            return out;
        }
        try {
            for (String host : zk.getChildren().forPath(reports)) {
                Stat stat = new Stat();
                try {
                    byte[] data = zk.getData().storingStatIn(stat).forPath(reports + "/" + host);
                    HostReport r = EntityJson.report(EntityJson.JSON.readTree(data));
                    out.add(new AgentStatus(host, Instant.ofEpochMilli(stat.getMtime()), r.appliedRevision(),
                            Math.max(0, revision - r.appliedRevision()), r.host().health().name()));
                } catch (KeeperException.NoNodeException e) {
                    // removed meanwhile
                }
            }
        } catch (Exception e) {
            return out;
        }
        out.sort((a, b) -> a.host().compareTo(b.host()));
        return out;
    }
}
