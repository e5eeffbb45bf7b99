package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.TransferResult;
import org.virtualwire.spi.linux.KernelException;

/**
 * Moves a running VM into the QEMU its destination host prepared (started with {@code -incoming}): QEMU live
 * migration over the hosts' underlay, then the source QEMU quits. If the migration fails the source keeps
 * the guest: QEMU resumes it by itself, and {@code cont} makes sure; the destination's QEMU is stopped, so the
 * guest can never run twice. A VM can also be moved back to the host it left when that move was not
 * activated (a rollback after the transfer): its QEMU there is started again, waiting for the state.
 */
public final class QemuTransfer {
    /** Option: the pause QEMU aims for, in ms. */
    public static final String DOWNTIME_LIMIT_MS = "downtime-limit-ms";
    /** Option: the bandwidth cap of the migration stream, in bytes per second. */
    public static final String MAX_BANDWIDTH = "max-bandwidth";
    private static final Duration QMP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(QemuTransfer.class);

    private final QemuGuests guests;

    /** @param guests the driver's VMs, for their files and namespaces */
    public QemuTransfer(QemuGuests guests) {
        this.guests = guests;
    }

    /**
     * @param guest a VM
     * @param from the host it runs on
     * @param to the host where its incoming QEMU waits, or the host it left by a migration not activated
     * @param nics its NICs
     * @param options {@value #DOWNTIME_LIMIT_MS} and {@value #MAX_BANDWIDTH} override the defaults; others are ignored
     * @return the guest's real pause (source STOP to destination RESUME) and what QEMU reported
     * @throws IOException if the VM did not move; it then still runs at the source
     */
    public TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options)
            throws IOException {
        return transfer(guest, from, to, nics, options, StreamRoute.DIRECT);
    }

    /**
     * Like {@link #transfer(Guest, Host, Host, List, Map)}, the stream taking a route of relays.
     *
     * @param route how the stream reaches the destination
     */
    public TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options,
            StreamRoute route) throws IOException {
        QemuMigration migration = new QemuMigration(option(options, DOWNTIME_LIMIT_MS, QemuMigration.DEFAULT_DOWNTIME_LIMIT_MS),
                option(options, MAX_BANDWIDTH, QemuMigration.DEFAULT_MAX_BANDWIDTH), Duration.ofMillis(2));
        VmFiles src = guests.files(from.id(), guest.id());
        VmFiles dst = guests.files(to.id(), guest.id());
        QemuProcess source = QemuProcess.attach(guests.netns(from.id()), src.command()).orElseThrow(
                () -> new VirtualWireException("guest", "VM " + guest.id() + " does not run on host " + from.id()));
        QemuProcess target = QemuProcess.attach(guests.netns(to.id()), dst.command())
                .or(() -> awaitReturn(to, new GuestPlan(guest, nics))).orElse(null);
        String uri = dst.read(dst.incoming()).orElse(null);
        if (target == null || uri == null) {
            throw new VirtualWireException("guest", "no QEMU waits for VM " + guest.id() + " on host " + to.id()
                    + ": prepare the migration first");
        }
        MigrationResult r;
        try (QmpClient s = source.qmp(QMP_TIMEOUT)) {
            try (QmpClient d = target.qmp(QMP_TIMEOUT); ArrivalTaps taps = guests.arrivalTaps(to.id(), nics);
                    StreamRoute.Opened path = route.open(uri)) {
                r = migration.migrate(s, d, path.uri(), MIGRATION_TIMEOUT, taps::up);
            } catch (IOException | QmpException e) {
                target.stop(QemuGuests.GRACE);
                if (!source.isAlive()) { // killed or crashed during the stream: nothing runs it any more
                    throw new IOException("VM " + guest.id() + " did not move from " + from.id() + " to " + to.id()
                            + ": its QEMU at " + from.id() + " ended during the transfer; host " + from.id()
                            + " starts it again (booted anew: its memory is lost): " + e.getMessage(), e);
                }
                keepRunning(s);
                throw new IOException("VM " + guest.id() + " did not move from " + from.id() + " to " + to.id()
                        + " and still runs at " + from.id() + ": " + e.getMessage(), e);
            }
            // before the source quits: its host must not start it again while the plan still says it runs there
            src.write(src.moved(), to.id().name());
            dst.delete(dst.moved());
            quit(s, source);
        }
        long pause = r.pauseMs() >= 0 ? r.pauseMs() : r.downtimeMs();
        return new TransferResult(pause, String.format(Locale.ROOT,
                "QEMU live migration %s -> %s: guest paused %d ms (QEMU downtime %d ms), %d ms in all, %d MiB of RAM sent",
                from.id(), to.id(), pause, r.downtimeMs(), r.totalTimeMs(), r.ramTransferred() >> 20));
    }

    private Optional<QemuProcess> awaitReturn(Host host, GuestPlan plan) {
        try {
            return guests.awaitReturn(host, plan);
        } catch (KernelException e) {
            throw new VirtualWireException("guest", "cannot start VM " + plan.guest().id() + " again on host "
                    + host.id() + " to move it back: " + e.getMessage());
        }
    }

    /** QEMU resumes the source after a failed migration on its own; a moment later, {@code cont} if it did not. */
    private static void keepRunning(QmpClient source) {
        for (int i = 0; i < 50; i++) {
            try {
                if (source.execute("query-status").path("running").asBoolean()) {
                    return;
                }
                if (i >= 10) {
                    source.execute("cont");
                }
            } catch (QmpException e) {
                LOG.debug("Source not resumed yet: {}", e.getMessage());
            }
            QmpClient.sleep(50);
        }
        LOG.warn("The source QEMU did not resume after a failed migration");
    }

    private static void quit(QmpClient client, QemuProcess process) {
        try {
            client.execute("quit");
        } catch (QmpException e) {
            // QEMU may close the connection before it answers
        }
        if (!process.awaitExit(Duration.ofSeconds(5))) {
            process.stop(QemuGuests.GRACE);
        }
    }

    private static long option(Map<String, String> options, String key, long fallback) {
        String text = options.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new VirtualWireException(key, key + " '" + text + "' must be a positive whole number");
    }
}
