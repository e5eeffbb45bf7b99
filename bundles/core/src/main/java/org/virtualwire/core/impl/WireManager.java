package org.virtualwire.core.impl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.AgentPassListener;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.Convergence;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Status;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireView;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireListener;
import org.virtualwire.api.WireService;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.spi.gateway.GatewayProvider;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.TunnelProvider;
import org.virtualwire.spi.WireStore;
import org.virtualwire.spi.cluster.NotLeaderException;

/**
 * The controller, one OSGi service of two collaborators: {@link WireQueries} answers the queries and status,
 * {@link WireChanges} validates every change on a {@link ChangeSet}, commits it to the store in one piece and
 * tells listeners. Agents are run by {@link AgentManager}, which this component starts and stops.
 */
@Component(service = {org.virtualwire.api.WireService.class, WireAdminService.class, GuestMoves.class},
        configurationPid = "org.virtualwire.core")
@Designate(ocd = CoreConfig.class)
public class WireManager implements WireService, WireAdminService, GuestMoves {
    private static final Logger LOG = LoggerFactory.getLogger(WireManager.class);
    static final CloudId DEFAULT_CLOUD = CloudId.of("local");

    private final ControllerState state = new ControllerState();
    private final WireQueries queries = new WireQueries(state);
    private final WireChanges changes = new WireChanges(state, queries::unreachable);
    private Duration verifyEvery = AgentManager.VERIFY_EVERY;
    private AgentManager agents;
    private java.util.Set<HostId> agentHosts = java.util.Set.of();
    private final AgentPasses passes = new AgentPasses();

    /** For OSGi. */
    public WireManager() {
    }

    /**
     * For tests: a manager over a store, with its own agents once {@link #start} is called.
     *
     * @param store the store
     * @param vniMin lowest VNI handed out
     * @param vniMax highest VNI handed out
     */
    public WireManager(WireStore store, int vniMin, int vniMax) {
        state.store(store);
        changes.vniRange(vniMin, vniMax);
    }

    /** Greedy: a higher-ranked store (ZooKeeper's, once configured) replaces the file store; SCR restarts this. */
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    void setStore(WireStore store) {
        state.store(store);
    }

    @Activate
    void activate(CoreConfig config) {
        changes.vniRange(config.vni_min(), config.vni_max());
        verifyEvery = Duration.ofSeconds(Math.max(0, config.verify_interval_seconds()));
        agentHosts = agentHosts(config.agent_hosts());
        start();
    }

    /**
     * For tests, before {@link #start}: how often each agent checks that the kernel still has what it applied.
     *
     * @param every the interval; zero for checks on changes only
     */
    public void verifyEvery(Duration every) {
        verifyEvery = every;
    }

    /**
     * @param list {@code agent.hosts}: host names, comma-separated
     * @return the hosts; empty for none
     */
    static java.util.Set<HostId> agentHosts(String list) {
        java.util.Set<HostId> hosts = new java.util.LinkedHashSet<>();
        for (String name : list == null ? new String[0] : list.split(",")) {
            if (!name.isBlank()) {
                try {
                    hosts.add(HostId.of(name.trim()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("agent.hosts: '" + name.trim() + "' is not a host name: "
                            + e.getMessage(), e);
                }
            }
        }
        return java.util.Set.copyOf(hosts);
    }

    /** Creates the default cloud if missing and starts the agents. */
    public void start() {
        WireStore store = state.store();
        if (store.current().clouds().isEmpty()) {
            try {
                store.commit(store.current(), new Topology(store.current().revision() + 1,
                        Map.of(DEFAULT_CLOUD, new Cloud(DEFAULT_CLOUD, "local", Map.of())), Map.of(), Map.of(), Map.of(), Map.of()));
            } catch (NotLeaderException e) {
                // another controller of a replicated store leads: it creates the default cloud
                LOG.info("Default cloud left to the leading controller ({})", e.getMessage());
            }
        }
        agents = new AgentManager(store, state.plugins, verifyEvery, passes, agentHosts);
        agents.start();
        if (agentHosts.isEmpty()) {
            LOG.info("VirtualWire controller started at revision {}", store.current().revision());
        } else {
            LOG.info("VirtualWire agent process for hosts {} started at revision {}", agentHosts, store.current().revision());
        }
    }

    /** Stops the agents; the data plane keeps forwarding. */
    @Deactivate
    public void stop() {
        agents.stop();
    }

    /** The installed plug-ins: the core's {@link PluginTable} component. */
    @Reference
    void setPlugins(PluginRegistry plugins) {
        state.plugins = plugins;
    }

    /** For tests of a manager built by hand: a cloud driver installed. @param driver the driver */
    public void addDriver(CloudDriver driver) {
        state.own().add(driver);
    }

    /** For tests: a cloud driver uninstalled. @param driver the driver */
    public void removeDriver(CloudDriver driver) {
        state.own().remove(driver);
    }

    /** For tests: a host runtime installed. @param runtime the runtime */
    public void addRuntime(HostRuntime runtime) {
        state.own().add(runtime);
    }

    /** For tests: a host runtime uninstalled. @param runtime the runtime */
    public void removeRuntime(HostRuntime runtime) {
        state.own().remove(runtime);
    }

    /** For tests: a tunnel provider installed. @param tunnel the provider */
    public void addTunnel(TunnelProvider tunnel) {
        state.own().add(tunnel);
    }

    /** For tests: a tunnel provider uninstalled. @param tunnel the provider */
    public void removeTunnel(TunnelProvider tunnel) {
        state.own().remove(tunnel);
    }

    /** For tests: a gateway relay installed. @param gateway the relay */
    public void addGateway(GatewayProvider gateway) {
        state.own().add(gateway);
    }

    /** For tests: a gateway relay uninstalled. @param gateway the relay */
    public void removeGateway(GatewayProvider gateway) {
        state.own().remove(gateway);
    }

    /** @param listener told of every agent pass from now on (the metrics bundle's histogram) */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addPassListener(AgentPassListener listener) {
        passes.add(listener);
    }

    /** @param listener a pass listener that went */
    public void removePassListener(AgentPassListener listener) {
        passes.remove(listener);
    }

    private <T> T change(Function<ChangeRules, T> request) {
        return changes.change(request);
    }

    private void run(Consumer<ChangeRules> request) {
        changes.run(request);
    }

    @Override
    public Cloud addCloud(CloudId id, String driver, Map<String, String> properties) {
        return change(d -> d.addCloud(id, driver, properties));
    }

    @Override
    public void removeCloud(CloudId id) {
        run(d -> d.removeCloud(id));
    }

    @Override
    public Host addHost(HostId id, CloudId cloud, String underlayAddress, String publicAddress) {
        return change(d -> d.addHost(id, cloud, underlayAddress, publicAddress));
    }

    @Override
    public void removeHost(HostId id) {
        run(d -> d.removeHost(id));
    }

    @Override
    public Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image) {
        return change(d -> d.addGuest(id, kind, host, image));
    }

    @Override
    public Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image,
            java.util.List<org.virtualwire.api.Route> routes) {
        return change(d -> d.addGuest(id, kind, host, image, routes));
    }

    @Override
    public void removeGuest(GuestId id) {
        run(d -> d.removeGuest(id));
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu) {
        return change(d -> d.addEndpoint(id, mac, address, mtu));
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu, String gateway) {
        return change(d -> d.addEndpoint(id, mac, address, mtu, gateway));
    }

    @Override
    public void removeEndpoint(EndpointId id) {
        run(d -> d.removeEndpoint(id));
    }

    @Override
    public Wire connect(EndpointId a, EndpointId b) {
        return change(d -> d.connect(a, b));
    }

    @Override
    public Wire connect(EndpointId a, org.virtualwire.api.OutsideVtep far) {
        return change(d -> d.connect(a, far));
    }

    @Override
    public void disconnect(WireId wire) {
        run(d -> d.disconnect(wire));
    }

    @Override
    public void batch(Consumer<WireAdminService> changes) {
        run(d -> changes.accept(d));
    }

    @Override
    public Move prepare(GuestId guest, HostId to) {
        return change(d -> d.prepare(guest, to));
    }

    @Override
    public Move dualHome(GuestId guest) {
        return change(d -> d.advance(guest, Move.Phase.PREPARE, Move.Phase.DUAL_HOME));
    }

    @Override
    public Move activate(GuestId guest) {
        return change(d -> d.advance(guest, Move.Phase.DUAL_HOME, Move.Phase.ACTIVE));
    }

    @Override
    public void settle(GuestId guest) {
        run(d -> d.endMove(guest, false));
    }

    @Override
    public void rollback(GuestId guest) {
        run(d -> d.endMove(guest, true));
    }

    @Override
    public Optional<Move> move(GuestId guest) {
        return Optional.ofNullable(state.store().current().moves().get(guest));
    }

    @Override
    public void addListener(WireListener listener) {
        changes.addListener(listener);
    }

    @Override
    public void removeListener(WireListener listener) {
        changes.removeListener(listener);
    }

    @Override
    public Optional<Wire> wireOf(EndpointId endpoint) {
        return queries.wireOf(endpoint);
    }

    @Override
    public List<Cloud> clouds() {
        return queries.clouds();
    }

    @Override
    public List<Host> hosts() {
        return queries.hosts();
    }

    @Override
    public List<Guest> guests() {
        return queries.guests();
    }

    @Override
    public List<Endpoint> endpoints() {
        return queries.endpoints();
    }

    @Override
    public List<Wire> wires() {
        return queries.wires();
    }

    @Override
    public Optional<Cloud> cloud(CloudId id) {
        return queries.cloud(id);
    }

    @Override
    public Optional<Host> host(HostId id) {
        return queries.host(id);
    }

    @Override
    public Optional<Guest> guest(GuestId id) {
        return queries.guest(id);
    }

    @Override
    public Optional<Endpoint> endpoint(EndpointId id) {
        return queries.endpoint(id);
    }

    @Override
    public Optional<Wire> wire(WireId id) {
        return queries.wire(id);
    }

    @Override
    public Status status(HostId id) {
        return queries.status(id);
    }

    @Override
    public Status status(WireId id) {
        return queries.status(id);
    }

    @Override
    public List<WireView> wireViews() {
        return queries.wireViews();
    }

    @Override
    public WireCounters counters(WireId id) {
        return queries.counters(id);
    }

    @Override
    public boolean awaitApplied(Duration timeout) {
        return queries.awaitApplied(timeout);
    }

    @Override
    public Convergence convergence() {
        return queries.convergence();
    }
}
