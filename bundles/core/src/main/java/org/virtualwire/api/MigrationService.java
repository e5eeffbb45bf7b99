package org.virtualwire.api;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Live migration of guests between hosts while their wires follow: prepare, dual-home, transfer, activate,
 * settle; a failure before activation rolls back and the guest keeps running at the source.
 */
public interface MigrationService {
    /**
     * Migrates a guest and returns when it is done (or rolled back).
     *
     * @param guest the guest
     * @param to the destination host
     * @param options hypervisor settings, e.g. {@code downtime-limit-ms}, {@code max-bandwidth}; may be empty
     * @param progress told of each step as it ends
     * @return the record of the migration
     * @throws VirtualWireException for an unknown guest or host, the guest's own host, or a guest already migrating
     */
    MigrationRecord migrate(GuestId guest, HostId to, Map<String, String> options, Consumer<MigrationStep> progress);

    /**
     * Migrates a guest while a peer probes it: the probe starts first, so that its result holds the traffic
     * before the migration as well, and runs for its whole duration.
     *
     * @param guest the guest
     * @param to the destination host
     * @param options as for {@link #migrate(GuestId, HostId, Map, Consumer)}
     * @param probe the probe
     * @param progress told of each step as it ends
     * @return the record of the migration and what the probe saw
     * @throws VirtualWireException as {@link #migrate(GuestId, HostId, Map, Consumer)} does, and for a probe refused
     *         (unknown endpoint, a guest without an addressed NIC and no target named) before anything moved
     */
    ProbedMigration migrate(GuestId guest, HostId to, Map<String, String> options, MigrationProbe probe,
            Consumer<MigrationStep> progress);

    /**
     * @return every migration kept (the history survives restarts), oldest first; a migration that ran under a probe
     *         carries the probe's result ({@link MigrationRecord#probe()}) once the probe ended
     */
    List<MigrationRecord> history();

    /**
     * The migrations of {@link #history()} that ran under a probe, with what it saw.
     *
     * @return them, oldest first
     */
    default List<ProbedMigration> probedHistory() {
        return history().stream().filter(r -> r.probe() != null).map(r -> new ProbedMigration(r, r.probe())).toList();
    }
}
