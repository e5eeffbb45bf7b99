package org.virtualwire.jmx;

import java.util.List;

import javax.management.ConstructorParameters;

/** What applying a topology document created and removed. */
public final class TopologyChanges {
    private final List<String> created;
    private final List<String> removed;

    /**
     * @param created what was created, e.g. {@code guest web1}
     * @param removed what was removed
     */
    @ConstructorParameters({"created", "removed"})
    public TopologyChanges(List<String> created, List<String> removed) {
        this.created = List.copyOf(created);
        this.removed = List.copyOf(removed);
    }

    /** @return what was created */
    public List<String> getCreated() { return created; }
    /** @return what was removed */
    public List<String> getRemoved() { return removed; }
}
