package org.virtualwire.spi.cluster;

import java.util.Optional;

/**
 * Whether this controller leads. Provided by a replicated store (ZooKeeper's, through a leader election); with no
 * such service the controller is alone and always leads. Only the leader commits changes: the store refuses a
 * follower's commit with {@link NotLeaderException}. Work that only one controller may do (finishing the
 * migrations a dead controller left) runs when leadership is gained.
 */
public interface ControllerRole {
    /** @return this controller's participant id */
    String id();

    /** @return whether this controller leads now */
    boolean leading();

    /** @return the id of the controller that leads now, if one does */
    Optional<String> leader();

    /**
     * @param listener told (on a thread of its own, never the store's) each time this controller gains leadership,
     *        once the store holds the newest committed state; told at once if it leads already
     */
    void addLeadershipListener(Runnable listener);

    /** @param listener a listener added before */
    void removeLeadershipListener(Runnable listener);
}
