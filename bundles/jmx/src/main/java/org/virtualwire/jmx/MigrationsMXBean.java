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

    /**
     * Like {@link #migrate(String, String)} while a peer probes the guest, as {@code vw:guest-migrate --probe} does.
     *
     * @param guest the guest
     * @param host the host it moves to
     * @param probeFrom the endpoint that probes, {@code guest/nic}
     * @param probeTo the probed endpoint, or empty for the guest's first NIC with an IPv4 address
     * @param probeSeconds how long the probe runs, or 0 for the default (3, 15 for a VM)
     * @return what the migration did and what the probe saw
     * @throws IllegalArgumentException with the reason, if refused
     */
    ProbedMigrationInfo migrateWithProbe(String guest, String host, String probeFrom, String probeTo, double probeSeconds);
}
