package org.virtualwire.spi.cluster;

import org.virtualwire.api.VirtualWireException;

/** A change refused because another controller leads: it is sent there, or tried again once this one leads. */
public class NotLeaderException extends VirtualWireException {
    private static final long serialVersionUID = 1L;
    private final String leader;

    /** @param leader the leading controller's id, or null when none leads now */
    public NotLeaderException(String leader) {
        super("controller", "not the leader: " + (leader == null ? "(none elected yet)" : leader));
        this.leader = leader;
    }

    /** @return the leading controller's id, or null when none leads now */
    public String leader() {
        return leader;
    }
}
