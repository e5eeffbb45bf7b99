package org.virtualwire.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeService;
import org.virtualwire.api.ProbedMigration;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireService;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.spi.WireStore;
import org.virtualwire.spi.cluster.ControllerRole;

/**
 * Runs migrations through one Camel route ({@link MigrationRoute}) in one CamelContext that lives as long as this
 * component. Migrations of different guests run side by side, each in its caller's thread.
 */
@Component(service = MigrationService.class, immediate = true)
public class MigrationManager implements MigrationService {
    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private Duration applyTimeout = APPLY_TIMEOUT;
    private CamelContext camel;
    private ProducerTemplate template;
    private History history;
    private Steps steps;
    /** The guests whose migration runs in this controller now (recovery leaves them alone). */
    private final Set<GuestId> running = ConcurrentHashMap.newKeySet();
    private final Runnable recoverer = this::recover;
    /** Among several controllers of a replicated store, whether this one leads; absent, it always does. */
    private volatile ControllerRole role;
    private final InFlight inFlight = new InFlight(() -> this.store, () -> this.role == null || this.role.leading());

    /** The store in use (greedy: ZooKeeper's once configured), where records of migrations under way are kept. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile WireStore store;

    @Reference
    WireService wires;

    @Reference
    GuestMoves moves;

    @Reference
    ProbeService probes;

    @Reference
    PluginRegistry plugins;

    /** @param role the controller's role, from a replicated store (greedy: the newest configured one) */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRole(ControllerRole role) {
        this.role = role;
        if (camel != null) {
            role.addLeadershipListener(recoverer);
        }
    }

    /** @param role a role that went */
    void unsetRole(ControllerRole role) {
        role.removeLeadershipListener(recoverer);
        if (this.role == role) {
            this.role = null;
        }
    }

    /** For OSGi. */
    public MigrationManager() {
    }

    /**
     * For tests: call {@link #start(Path)} then.
     *
     * @param wires the wire service
     * @param moves the controller's move steps
     * @param plugins where the hosts' drivers and runtimes are found
     * @param applyTimeout how long each step waits for the agents
     */
    public MigrationManager(WireService wires, GuestMoves moves, PluginRegistry plugins, Duration applyTimeout) {
        this.wires = wires;
        this.moves = moves;
        this.plugins = plugins;
        this.applyTimeout = applyTimeout;
    }

    @Activate
    void activate() throws Exception {
        start(Path.of(System.getProperty("karaf.data", "data"), "virtualwire", "migrations.json"));
    }

    /**
     * Starts the route, loads the history and finishes moves a crash interrupted.
     *
     * @param historyFile where the history is kept
     * @throws Exception if Camel does not start
     */
    public void start(Path historyFile) throws Exception {
        history = new History(new HistoryFile(historyFile), inFlight);
        steps = Steps.of(moves, new AgentBarrier(wires, applyTimeout));
        camel = CamelRuntime.start(getClass().getClassLoader(), steps);
        template = camel.createProducerTemplate();
        ControllerRole r = role;
        if (r == null) {
            recover();
        } else {
            r.addLeadershipListener(recoverer); // told at once if it leads already
        }
    }

    /**
     * Finishes or rolls back the moves in the desired state that no migration of this controller runs: a crash
     * left them, or the controller that led before this one died in the middle. Only the leader may: a follower's
     * commits are refused, and it must not undo the leader's migrations under way.
     */
    synchronized void recover() {
        ControllerRole r = role;
        if (camel == null || r != null && !r.leading()) {
            return;
        }
        new Recovery(wires, moves, steps, this::runtimeOrNull, running::contains).run(history, inFlight);
    }

    /** Stops the route; a migration under way ends first (Camel's graceful shutdown waits for it). */
    @Deactivate
    public void stop() {
        ControllerRole r = role;
        if (r != null) {
            r.removeLeadershipListener(recoverer);
        }
        if (camel != null) {
            camel.stop();
            camel = null;
        }
    }

    /** A guest leaving or entering a cloud crosses its gateway, which the driver's transfer may need. */
    private Host gatewayOf(Host host) {
        return Host.gatewayOf(wires.hosts(), host.cloud()).orElseThrow(() -> new VirtualWireException("host", "cloud " + host.cloud() + " has no gateway: a guest "
                        + "moves between clouds through their gateways (vw:host-add --public)"));
    }

    /**
     * Checks a migration before anything changes: the guest, the hosts, the driver, the gateways between clouds,
     * the options.
     *
     * @throws VirtualWireException naming what is wrong
     */
    private MigrationRequest validate(GuestId guestId, HostId toId, Map<String, String> options) {
        Guest guest = wires.guest(guestId).orElseThrow(() -> new VirtualWireException("guest", "unknown guest '" + guestId + "'"));
        Host to = wires.host(toId).orElseThrow(() -> new VirtualWireException("host", "unknown host '" + toId + "'"));
        Host from = wires.host(guest.host()).orElseThrow(() -> new VirtualWireException("host", "unknown host '" + guest.host() + "'"));
        CloudDriver driver = plugins.driverFor(cloudOf(from));
        HostRuntime runtime = plugins.runtimeFor(cloudOf(from));
        List<Host> via = List.of();
        if (!from.cloud().equals(to.cloud())) {
            CloudDriver toDriver = plugins.driverFor(cloudOf(to));
            if (toDriver != driver) {
                throw new VirtualWireException("host", "host " + to.id() + " is in cloud " + to.cloud() + " of driver "
                        + toDriver.type() + ", guest " + guestId + " runs in cloud " + from.cloud() + " of driver "
                        + driver.type() + ": a guest moves between clouds of one driver");
            }
            via = List.of(gatewayOf(from), gatewayOf(to));
        }
        Map<String, String> checked = MigrationOptions.check(options);
        List<Endpoint> nics = wires.endpoints().stream().filter(e -> e.id().guest().equals(guestId)).toList();
        return new MigrationRequest(guest, from, to, nics, checked, runtime, via);
    }

    @Override
    public MigrationRecord migrate(GuestId guestId, HostId toId, Map<String, String> options, Consumer<MigrationStep> progress) {
        MigrationRequest request = validate(guestId, toId, options);
        Migration m = new Migration(request, progress);
        // a second request for a guest already migrating here is refused at prepare: it must not unmark the first
        boolean mine = running.add(guestId);
        try {
            return run(request, m);
        } finally {
            if (mine) {
                running.remove(guestId);
            }
        }
    }

    private MigrationRecord run(MigrationRequest request, Migration m) {
        GuestId guestId = request.guest().id();
        history.begin(m);
        Exchange done = template.send(MigrationRoute.ENDPOINT, e -> {
            e.getIn().setBody(request);
            e.setProperty(MigrationRoute.RECORD, m);
        });
        if (done.getProperty(MigrationRoute.PREPARED) == null && done.getException() instanceof VirtualWireException refusal) {
            // the controller refused at prepare, which changed nothing: the caller gets its very exception
            history.abandon(m);
            throw refusal;
        }
        if (m.outcome == Outcome.RUNNING) {
            // only if compensation itself broke: the route compensates every step's failure with an outcome
            m.finish(Outcome.FAILED, (done.getException() == null ? "the route ended early"
                    : Migration.message(done.getException())) + "; " + UnfinishedMove.describe(guestId, moves));
        }
        history.end(m);
        return m.record();
    }

    @Override
    public ProbedMigration migrate(GuestId guest, HostId to, Map<String, String> options, MigrationProbe probe,
            Consumer<MigrationStep> progress) {
        ProbedMigration done = new ProbeDuringMigration(wires, probes).run(guest, probe,
                () -> migrate(guest, to, options, progress));
        // the probe ends after the migration: its result joins the record kept (and saved) in the history
        return new ProbedMigration(history.probed(done.migration(), done.probe()), done.probe());
    }

    @Override
    public List<MigrationRecord> history() {
        return history.all();
    }

    private Cloud cloudOf(Host host) {
        return wires.cloud(host.cloud()).orElseThrow(() -> new VirtualWireException("host", "unknown cloud '"
                + host.cloud() + "' of host " + host.id()));
    }

    /** @return the runtime of a host, or null if its driver or runtime is not installed (recovery skips it) */
    private HostRuntime runtimeOrNull(Host host) {
        return wires.cloud(host.cloud()).flatMap(c -> plugins.driver(c.driver())).flatMap(plugins::runtimeOf)
                .orElse(null);
    }

    /** @return the route ids, for tests and diagnostics */
    List<String> routeIds() {
        return camel.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList();
    }
}
