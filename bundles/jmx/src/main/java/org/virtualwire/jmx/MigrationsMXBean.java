package org.virtualwire.jmx;

import java.util.List;

/** Live migrations over JMX: their history, and migrating a guest. */
public interface MigrationsMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=migrations,name=default";

    /** @return every migration since the appliance was installed, oldest first, running ones included */
    List<MigrationInfo> getHistory();

    /**
     * Moves a running guest to another host while its wires follow; returns when it has ended.
     *
     * @param guest the guest
     * @param host the host it moves to
     * @return what the migration did: SUCCEEDED, ROLLED_BACK (the guest still runs where it was) or FAILED
     * @throws IllegalArgumentException with the reason, if refused (unknown guest or host, already migrating...)
     */
    MigrationInfo migrate(String guest, String host);
}
