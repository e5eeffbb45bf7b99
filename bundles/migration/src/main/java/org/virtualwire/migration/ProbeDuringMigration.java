package org.virtualwire.migration;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbeService;
import org.virtualwire.api.ProbedMigration;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireService;

/**
 * Runs a probe around a migration: it picks the probed endpoint and the duration when the request leaves them
 * open, starts the probe a little before the migration (so its result holds the traffic before it), and stops
 * the migration from starting when the probe is refused.
 */
final class ProbeDuringMigration {
    /** How long the probe runs before the migration starts, so that its baseline is in the result. */
    static final Duration LEAD = Duration.ofMillis(300);
    /** The probe's sending interval: fine enough to see a migration's pause. */
    static final Duration INTERVAL = Duration.ofMillis(1);
    private final WireService wires;
    private final ProbeService probes;

    ProbeDuringMigration(WireService wires, ProbeService probes) {
        this.wires = wires;
        this.probes = probes;
    }

    /**
     * @param guestId the migrating guest
     * @param probe the probe asked for
     * @param migration runs the migration
     * @return the migration's record and what the probe saw
     */
    ProbedMigration run(GuestId guestId, MigrationProbe probe, Supplier<MigrationRecord> migration) {
        Guest guest = wires.guest(guestId).orElseThrow(() -> new VirtualWireException("guest", "unknown guest '" + guestId + "'"));
        EndpointId target = probe.target() != null ? probe.target() : target(guestId);
        Duration duration = probe.duration() != null ? probe.duration() : defaultDuration(guest.kind());
        CompletableFuture<ProbeResult> running = CompletableFuture.supplyAsync(
                () -> probes.probe(probe.from(), target, duration, INTERVAL));
        try {
            Thread.sleep(LEAD.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the migration of " + guestId + " started", e);
        }
        if (running.isCompletedExceptionally()) {
            await(running); // a refused probe (unknown peer, ...) stops the migration before anything moves
        }
        MigrationRecord record = migration.get();
        return new ProbedMigration(record, await(running));
    }

    /** @return the guest's first NIC with an IPv4 address */
    EndpointId target(GuestId guest) {
        return wires.endpoints().stream().filter(e -> e.id().guest().equals(guest) && e.address() != null)
                .map(Endpoint::id).sorted().findFirst()
                .orElseThrow(() -> new VirtualWireException("probe", "guest " + guest
                        + " has no NIC with an IPv4 address to probe: name one with --probe-to"));
    }

    /** @return long enough to outlast a migration of this kind: a VM's memory takes longer than NICs */
    static Duration defaultDuration(GuestKind kind) {
        return kind == GuestKind.VM ? Duration.ofSeconds(15) : Duration.ofSeconds(3);
    }

    private static ProbeResult await(CompletableFuture<ProbeResult> probe) {
        try {
            return probe.get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(Migration.message(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the probe ran", e);
        }
    }
}
