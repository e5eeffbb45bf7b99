package org.virtualwire.core.impl;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Health;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.StoreListener;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;

/**
 * Runs one {@link HostAgent} per host whose cloud driver is installed, in this JVM (the embedded default:
 * every host of the local cloud is a namespace of this machine). Starts and stops agents as hosts and
 * drivers come and go; a host whose driver is gone is reported DEGRADED and its kernel objects are kept.
 */
final class AgentManager {
    private static final Logger LOG = LoggerFactory.getLogger(AgentManager.class);
    private static final long SWEEP_WAIT_NANOS = 30_000_000_000L;

    /** The default of {@code verify.interval.seconds}: a deletion behind the appliance's back is seen within it. */
    static final Duration VERIFY_EVERY = Duration.ofSeconds(10);

    private final WireStore store;
    private final Duration verifyEvery;
    private final PluginRegistry plugins;
    private final java.util.function.Consumer<org.virtualwire.api.AgentPass> passes;
    private final Map<HostId, HostAgent> agents = new HashMap<>();
    /** Releases of removed hosts' agents still running or not yet awaited by an agent of the same name. */
    private final Map<HostId, CompletableFuture<Void>> retiring = new HashMap<>();
    /** Agents' passes share it; a sweep takes it alone (fair: passes queue behind a waiting sweep). */
    private final ReadWriteLock dataPlane = new ReentrantReadWriteLock(true);
    private final ExecutorService sweeper = Executors.newSingleThreadExecutor(r -> new Thread(r, "vw-sweeper"));
    /** Hosts this process runs agents for (an agent process); empty: every host whose cloud keeps its agents in-process. */
    private final Set<HostId> only;
    private final Runnable pluginsChanged = this::pluginsChanged;
    private final StoreListener storeChanged = this::changed;

    AgentManager(WireStore store, PluginRegistry plugins) {
        this(store, plugins, VERIFY_EVERY);
    }

    /**
     * @param verifyEvery how often each agent checks, without a change, that the kernel still has what it applied;
     *        zero for never
     */
    AgentManager(WireStore store, PluginRegistry plugins, Duration verifyEvery) {
        this(store, plugins, verifyEvery, AgentPasses.NONE);
    }

    /** @param passes told of each agent's passes that did work (metrics) */
    AgentManager(WireStore store, PluginRegistry plugins, Duration verifyEvery,
            java.util.function.Consumer<org.virtualwire.api.AgentPass> passes) {
        this(store, plugins, verifyEvery, passes, Set.of());
    }

    /**
     * @param only the hosts this process runs agents for ({@code agent.hosts}: an agent process, which neither sweeps
     *        nor touches other hosts' reports); empty for a controller, which runs the agents of every host whose cloud
     *        does not say {@code agents=process}
     */
    AgentManager(WireStore store, PluginRegistry plugins, Duration verifyEvery,
            java.util.function.Consumer<org.virtualwire.api.AgentPass> passes, Set<HostId> only) {
        this.only = Set.copyOf(only);
        this.passes = passes;
        this.store = store;
        this.plugins = plugins;
        this.verifyEvery = verifyEvery;
    }

    void start() {
        store.addListener(storeChanged);
        plugins.addListener(pluginsChanged);
        changed(Topology.EMPTY, store.current());
        sweep(store.current());
    }

    /** The cloud property that says where a cloud's hosts' agents run: {@code in-process} (default) or {@code process}. */
    static final String AGENTS = "agents";

    /**
     * @return whether this process runs the agent of a host: an agent process those of its {@code agent.hosts}; a
     *         controller every host's unless the host's cloud says {@code agents=process}
     */
    boolean runsHere(Topology t, Host host) {
        if (!only.isEmpty()) {
            return only.contains(host.id());
        }
        org.virtualwire.api.Cloud cloud = t.clouds().get(host.cloud());
        return cloud == null || !"process".equals(cloud.properties().get(AGENTS));
    }

    synchronized void stop() {
        plugins.removeListener(pluginsChanged);
        store.removeListener(storeChanged);
        agents.values().forEach(HostAgent::stop);
        agents.clear();
        sweeper.shutdownNow();
    }

    /** @return the driver of a host, if installed */
    Optional<CloudDriver> driverOf(Topology t, Host host) {
        return driverOf(plugins, t, host);
    }

    /** @return the driver of a host among the plug-ins, if installed */
    static Optional<CloudDriver> driverOf(PluginRegistry plugins, Topology t, Host host) {
        return Optional.ofNullable(t.clouds().get(host.cloud())).flatMap(c -> plugins.driver(c.driver()));
    }

    /** @return the runtime a host runs, if its driver and the runtime are installed */
    Optional<HostRuntime> runtimeOf(Topology t, Host host) {
        return driverOf(t, host).flatMap(plugins::runtimeOf);
    }

    private synchronized void pluginsChanged() {
        // reports are stale until each agent has looked again: awaitApplied must wait for that pass
        Topology now = store.current();
        store.reports().forEach((host, r) -> {
            Host h = now.hosts().get(host);
            // only this process's hosts: another process's agent writes its own host's report
            if (h != null && runsHere(now, h)) {
                store.report(host, new HostReport(-1, r.host(), r.wires(), r.guests()));
            }
        });
        agents.values().forEach(HostAgent::refresh);
        changed(store.current(), store.current());
        sweep(store.current());
    }

    private synchronized void changed(Topology before, Topology after) {
        retiring.values().removeIf(CompletableFuture::isDone);
        for (Host host : after.hosts().values()) {
            CloudDriver driver = driverOf(after, host).orElse(null);
            HostRuntime runtime = driver == null ? null : plugins.runtimeOf(driver).orElse(null);
            HostAgent agent = agents.get(host.id());
            if (!runsHere(after, host)) {
                if (agent != null) { // its cloud's agents became processes: the data plane stays as it is
                    agent.stop();
                    agents.remove(host.id());
                }
                continue;
            }
            if (agent != null && (agent.driver() != driver || agent.runtime() != runtime)) {
                agent.stop();
                agents.remove(host.id());
                agent = null;
            }
            Optional<String> missing = plugins.missing(after.clouds().get(host.cloud()));
            if (missing.isPresent()) {
                store.report(host.id(), new HostReport(after.revision(), new Status(Health.DEGRADED,
                        missing.get() + "; the host's data plane is left as it was"), Map.of()));
                continue;
            }
            if (agent == null) {
                agent = new HostAgent(host.id(), store, plugins, driver, runtime, dataPlane.readLock(), verifyEvery, passes);
                CompletableFuture<Void> released = retiring.remove(host.id());
                if (released != null) {
                    agent.after(released); // the same name again: not made before the old one is removed
                }
                agents.put(host.id(), agent);
            }
            agent.kick();
        }
        for (HostId gone : List.copyOf(agents.keySet())) {
            if (!after.hosts().containsKey(gone)) {
                retiring.put(gone, agents.remove(gone).retire(before.hosts().get(gone), before));
                store.report(gone, null);
            }
        }
        // guests or hosts gone: their namespaces, and a cloud's underlay once its last host is gone (also when
        // the host was made again in another cloud under its name: then no host id is gone, but the cloud's is)
        boolean gone = !before.guests().keySet().equals(after.guests().keySet())
                || !before.hosts().keySet().equals(after.hosts().keySet())
                || !before.clouds().keySet().equals(after.clouds().keySet())
                || after.hosts().values().stream().anyMatch(h -> before.hosts().containsKey(h.id())
                        && !before.hosts().get(h.id()).cloud().equals(h.cloud()));
        if (gone && before != Topology.EMPTY) {
            sweep(after);
        }
    }

    /**
     * Removes namespaces of hosts and guests that are no longer desired (left by a crash or a removal). It
     * first waits until every agent has applied the state that removed them: a pass still working from an
     * older plan could otherwise re-create a namespace right after the sweep.
     */
    private void sweep(Topology t) {
        if (!only.isEmpty()) {
            return; // an agent process: the controller sweeps, knowing every host
        }
        sweeper.execute(() -> {
            awaitAgents(t.revision());
            // Under the lock no agent is made or kicked (changed() waits): a host or guest added meanwhile is
            // not made while the driver removes what the older state lacks, which would remove it with them
            synchronized (this) {
                if (sweeper.isShutdown()) {
                    return; // stopped meanwhile: whoever starts next sweeps with what it knows
                }
                // and no pass runs meanwhile: one already running could take up a newer state (a guest
                // added) and make it while the sweep removes what the state read here lacks
                dataPlane.writeLock().lock();
                Topology now;
                try {
                    now = store.current();
                    sweepDrivers(now);
                } finally {
                    dataPlane.writeLock().unlock();
                }
                if (store.current() != now) {
                    // a pass kicked before may have taken up the newer state during the sweep: all look again
                    agents.values().forEach(HostAgent::refresh);
                }
            }
        });
    }

    /** The runtimes first (a host's guests), then the drivers (the hosts and underlays they ran on). */
    private void sweepDrivers(Topology now) {
        Map<HostRuntime, List<Host>> byRuntime = now.hosts().values().stream()
                .filter(h -> runtimeOf(now, h).isPresent())
                .collect(Collectors.groupingBy(h -> runtimeOf(now, h).get()));
        // a host whose driver is missing may run any runtime: each keeps what is on it
        List<Host> unknown = now.hosts().values().stream().filter(h -> runtimeOf(now, h).isEmpty()).toList();
        Set<GuestId> guests = now.guests().keySet();
        for (HostRuntime r : plugins.runtimes()) {
            try {
                List<Host> hosts = new java.util.ArrayList<>(byRuntime.getOrDefault(r, List.of()));
                hosts.addAll(unknown);
                r.sweep(hosts, guests);
            } catch (Exception e) {
                LOG.warn("Sweep of host runtime {} failed: {}", r.kind(), e.getMessage());
            }
        }
        Map<CloudDriver, List<Host>> byDriver = now.hosts().values().stream()
                .filter(h -> driverOf(now, h).isPresent())
                .collect(Collectors.groupingBy(h -> driverOf(now, h).get()));
        for (CloudDriver d : plugins.drivers()) {
            try {
                d.sweep(byDriver.getOrDefault(d, List.of()));
            } catch (Exception e) {
                LOG.warn("Sweep of driver {} failed: {}", d.type(), e.getMessage());
            }
        }
    }

    private void awaitAgents(long revision) {
        long deadline = System.nanoTime() + SWEEP_WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            Map<HostId, HostReport> reports = store.reports();
            synchronized (this) {
                if (agents.keySet().stream().allMatch(h -> reports.containsKey(h)
                        && reports.get(h).appliedRevision() >= revision)) {
                    return;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
