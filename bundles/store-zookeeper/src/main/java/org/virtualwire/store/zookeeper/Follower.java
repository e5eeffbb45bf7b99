package org.virtualwire.store.zookeeper;

import org.apache.curator.framework.api.transaction.CuratorOp;
import org.virtualwire.spi.cluster.ControllerRole;
import org.virtualwire.spi.cluster.NotLeaderException;

/** The fence of a process that is no controller ({@code controller = false}): it refuses every change, naming the leader. */
final class Follower implements CommitWriter.Fence {
    private final ControllerRole role;

    Follower(ControllerRole role) {
        this.role = role;
    }

    @Override
    public void admit() {
        throw new NotLeaderException(role.leader().orElse(null));
    }

    @Override
    public void confirm() {
        admit();
    }

    @Override
    public CuratorOp guard() {
        admit();
        return null;
    }
}
