package org.virtualwire.core.impl;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Health;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayProvider;
import org.virtualwire.spi.GuestsFailedException;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.LocalLink;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.TunnelProvider;
import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.WireStore;

/**
 * Owns one host's data plane: on every kick it reads the desired state, and if the host's plan differs
 * from the one it last applied, has the driver and the tunnel providers make the kernel match (they change
 * only the difference). Kicks coalesce: a burst of changes costs one pass. Failures are retried. A pass whose plan
 * was applied already asks the driver and the tunnels to verify that the kernel still has it (at most once a
 * second), and applies it again when not: a pass also runs every verification interval without a change, so
 * that what is removed behind the appliance's back is repaired (or reported FAILED), never reported UP. A guest
 * the driver could not make fails alone ({@link GuestsFailedException}): the host stays UP and takes changes.
 */
final class HostAgent {
    private static final Logger LOG = LoggerFactory.getLogger(HostAgent.class);
    private static final long RETRY_MS = 2000;
    private static final long RELEASE_WAIT_SECONDS = 120;
    private static final long SLOW_PASS_MS = 500;
    /**
     * Passes without work (the plan is the one applied) come in bursts while other hosts change, as in a migration:
     * they verify at most this often, so that a burst costs the kernel one look, not one per revision.
     */
    private static final Duration MAX_VERIFY_GAP = Duration.ofSeconds(1);

    private final HostId id;
    private final WireStore store;
    private final PluginRegistry plugins;
    private final CloudDriver driver;
    private final HostRuntime runtime;
    private final ScheduledExecutorService executor;
    private final Lock dataPlane;
    private final AtomicBoolean queued = new AtomicBoolean();
    private AgentPlan applied;
    private boolean stopped;
    private Map<WireId, Status> wireStatus = Map.of();
    private Map<GuestId, Status> guestStatus = Map.of();
    /** When the kernel was last looked at (a verification or a pass that applied), by {@link System#nanoTime}. */
    private long verifiedAt = System.nanoTime();
    /** A verification failed and none has passed since: every pass verifies after applying. */
    private boolean suspect;
    /** The least time between two verifications on passes without work: 1 s, or the interval if shorter. */
    private final long verifyGapNanos;

    /**
     * @param dataPlane held while the agent reads the desired state and changes the data plane; a sweep holds
     *        the other side, so that no pass applies a newer state than the one the sweep removes by
     */
    HostAgent(HostId id, WireStore store, PluginRegistry plugins, CloudDriver driver, HostRuntime runtime, Lock dataPlane) {
        this(id, store, plugins, driver, runtime, dataPlane, Duration.ZERO);
    }

    /**
     * @param verifyEvery how often a pass runs without a change, to check that the kernel still has what was
     *        applied (see {@link HostRuntime#verify}); zero for passes on changes only
     */
    HostAgent(HostId id, WireStore store, PluginRegistry plugins, CloudDriver driver, HostRuntime runtime, Lock dataPlane,
            Duration verifyEvery) {
        this.id = id;
        this.dataPlane = dataPlane;
        this.store = store;
        this.plugins = plugins;
        this.driver = driver;
        this.runtime = runtime;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "vw-agent-" + id));
        this.verifyGapNanos = verifyEvery.isZero() ? MAX_VERIFY_GAP.toNanos()
                : Math.min(verifyEvery.toNanos(), MAX_VERIFY_GAP.toNanos());
        if (!verifyEvery.isZero()) {
            long ms = verifyEvery.toMillis();
            executor.scheduleWithFixedDelay(this::kick, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    CloudDriver driver() {
        return driver;
    }

    HostRuntime runtime() {
        return runtime;
    }

    void kick() {
        if (queued.compareAndSet(false, true)) {
            executor.execute(this::pass);
        }
    }

    /** Forgets the applied plan so the next pass re-reads the kernel (a plug-in came or went). */
    void refresh() {
        executor.execute(() -> applied = null);
        kick();
    }

    /** Stops without touching the kernel: the data plane keeps forwarding. */
    synchronized void stop() {
        stopped = true;
        executor.shutdownNow();
    }

    /** A pass still running when the agent is stopped must not overwrite what replaced its report. */
    private synchronized void report(HostReport report) {
        if (!stopped) {
            store.report(id, report);
        }
    }

    /**
     * Makes this agent's passes wait until an earlier agent of the same host name has removed what it made: a
     * host removed and added again in two quick changes must not be made by this agent and then removed by the
     * old one's release, which runs on the old agent's thread. Call before the first {@link #kick}.
     *
     * @param released completes when the earlier agent's release has ended
     */
    void after(CompletableFuture<Void> released) {
        executor.execute(() -> {
            try {
                released.get(RELEASE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped meanwhile
            } catch (Exception e) { // a release that hangs must not keep the host from ever being made
                LOG.warn("Host {}: the earlier host of this name was not removed within {} s; making it anyway", id,
                        RELEASE_WAIT_SECONDS);
            }
        });
    }

    /**
     * Removes the host's kernel objects, then stops.
     *
     * @return completes when the removal has ended, whether it removed everything or not
     */
    CompletableFuture<Void> retire(Host host, Topology t) {
        synchronized (this) {
            stopped = true;
        }
        CompletableFuture<Void> released = new CompletableFuture<>();
        executor.execute(() -> {
            dataPlane.lock();
            try {
                if (host.gateway()) {
                    plugins.gateway().ifPresent(g -> g.release(host.id()));
                }
                runtime.removeGuests(host); // its VMs first: the driver then removes the host they ran on
                driver.releaseHost(host, t.clouds().get(host.cloud()));
            } catch (Exception e) {
                LOG.warn("Could not remove host {} completely: {}", id, e.getMessage());
            } finally {
                dataPlane.unlock();
                released.complete(null);
            }
        });
        executor.shutdown();
        return released;
    }

    private void pass() {
        queued.set(false);
        dataPlane.lock();
        try {
            apply(store.current());
        } finally {
            dataPlane.unlock();
        }
    }

    private void apply(Topology t) {
        Host host = t.hosts().get(id);
        if (host == null) {
            return;
        }
        AgentPlan plan = AgentPlan.of(t, host, driver, runtime, plugins.protocols());
        if (plan.equals(applied)) {
            String missing = null;
            long now = System.nanoTime();
            if (now - verifiedAt >= verifyGapNanos) { // a burst of changes elsewhere costs one look per gap
                missing = verify(plan);
                verifiedAt = now;
            }
            if (missing == null) {
                report(new HostReport(t.revision(), Status.UP, wireStatus));
                return;
            }
            // removed behind our back: status comes from what the kernel has, so apply again (which repairs it)
            // or report FAILED, never UP
            LOG.warn("Host {}: {}; applying its plan again", id, missing);
            applied = null;
            suspect = true;
        }
        Map<WireId, Status> wires = new HashMap<>();
        Map<GuestId, Status> guests = new HashMap<>();
        long start = System.nanoTime();
        try {
            // the host first (what the kernel refuses there fails the host), then what runs on it
            driver.ensureHost(host, plan.host().cloud());
            runtime.reconcile(plan.host());
        } catch (GuestsFailedException e) {
            // the host and its other guests are made: only these guests (and the wires on them) failed
            e.guests().forEach((g, why) -> guests.put(g, new Status(Health.FAILED, why)));
            if (!guests.equals(guestStatus)) {
                LOG.warn("Host {}: {}", id, e.getMessage()); // once, not on every retry
            }
        } catch (Exception e) {
            fail("cannot apply host " + id + ": " + e.getMessage());
            return;
        }
        plan.host().localLinks().stream().map(LocalLink::wire).forEach(w -> wires.put(w, Status.UP));
        long driverDone = System.nanoTime();
        plan.tunnels().forEach((protocol, tunnelPlan) -> applyTunnel(protocol, tunnelPlan, wires));
        Status status = plan.gateway() == null ? Status.UP : applyGateway(plan.host().host(), plan.gateway());
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > SLOW_PASS_MS) {
            LOG.info("Host {}: revision {} applied in {} ms (driver {} ms, tunnels {} ms)", id, t.revision(), millis,
                    (driverDone - start) / 1_000_000, (System.nanoTime() - driverDone) / 1_000_000);
        }
        wireStatus = Map.copyOf(wires);
        guestStatus = Map.copyOf(guests);
        if (suspect && guests.isEmpty()) {
            // a repair that did not repair (the driver made what it thinks is missing, the kernel still lacks
            // something) is FAILED, on this pass and on every retry until a verification passes: never UP
            String still = verify(plan);
            if (still != null) {
                fail("host " + id + " could not be repaired: " + still);
                return;
            }
            suspect = false;
        }
        if (!guests.isEmpty() && status.health() == Health.UP) {
            // the host is up; what failed on it is named with why (a guest without wires shows nowhere else)
            StringBuilder detail = new StringBuilder();
            new TreeMap<>(guests).forEach((g, why) -> detail.append(detail.length() == 0 ? "" : "; ")
                    .append("guest ").append(g).append(" failed: ").append(why.detail()));
            status = new Status(Health.UP, detail.toString());
        }
        boolean failed = status.health() == Health.FAILED || !guests.isEmpty()
                || wires.values().stream().anyMatch(s -> s.health() == Health.FAILED);
        boolean degraded = status.health() == Health.DEGRADED
                || wires.values().stream().anyMatch(s -> s.health() == Health.DEGRADED);
        // a degraded plan is not "applied": the pass after the missing provider returns must do the work
        applied = failed || degraded ? null : plan;
        verifiedAt = System.nanoTime(); // the pass has just looked at the kernel
        report(new HostReport(t.revision(), status, wireStatus, guestStatus));
        if (failed) {
            retryLater();
        }
    }

    /** @return what of an applied plan the kernel no longer has, or null when the driver and tunnels find it all */
    private String verify(AgentPlan plan) {
        try {
            driver.verifyHost(plan.host().host(), plan.host().cloud());
            runtime.verify(plan.host());
            for (Map.Entry<String, TunnelPlan> e : plan.tunnels().entrySet()) {
                TunnelProvider provider = plugins.tunnel(e.getKey()).orElse(null);
                if (provider != null) {
                    provider.verify(e.getValue());
                }
            }
            return null;
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }

    private void applyTunnel(String protocol, TunnelPlan plan, Map<WireId, Status> wires) {
        TunnelProvider provider = plugins.tunnel(protocol).orElse(null);
        Status status;
        if (provider == null) {
            status = new Status(Health.DEGRADED, "tunnel protocol '" + protocol + "' is not installed; "
                    + "the wire end is left as it was");
        } else {
            try {
                provider.reconcile(plan);
                status = Status.UP;
            } catch (Exception e) {
                LOG.warn("Host {}: {} wire ends failed: {}", id, protocol, e.getMessage());
                status = new Status(Health.FAILED, e.getMessage());
            }
        }
        for (WireEnd end : plan.ends()) {
            wires.put(end.wire(), status);
        }
    }

    private Status applyGateway(Host host, GatewayPlan plan) {
        GatewayProvider provider = plugins.gateway().orElse(null);
        if (provider == null) {
            return new Status(Health.DEGRADED, "no gateway relay is installed (feature virtualwire-gateway): "
                    + "wires to other clouds do not pass");
        }
        try {
            provider.reconcile(host, plan, runtime.network(host));
            return Status.UP;
        } catch (Exception e) {
            LOG.warn("Gateway {}: {}", id, e.getMessage());
            return new Status(Health.FAILED, "gateway " + id + ": " + e.getMessage());
        }
    }

    private void fail(String why) {
        LOG.warn(why);
        applied = null;
        HostReport last = store.reports().get(id);
        long revision = last == null ? 0 : last.appliedRevision();
        report(new HostReport(revision, new Status(Health.FAILED, why), wireStatus, guestStatus));
        retryLater();
    }

    private void retryLater() {
        if (!executor.isShutdown()) {
            executor.schedule(this::kick, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }
}
