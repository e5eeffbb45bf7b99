package org.virtualwire.core.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireEvent;
import org.virtualwire.api.WireId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireListener;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.spi.gateway.GatewayProvider;
import org.virtualwire.spi.GuestMoves;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.TunnelProvider;
import org.virtualwire.spi.WireStore;

/**
 * The controller: validates every change, commits it to the store in one piece, and tells listeners. The
 * queries and status live in {@link WireQueries}; agents are run by {@link AgentManager}.
 */
// the PluginRegistry it registers itself (see activate), for the resolver: probes and migrations require it
@org.osgi.annotation.bundle.Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"org.virtualwire.spi.PluginRegistry\"", uses = PluginRegistry.class)
@Component(service = {org.virtualwire.api.WireService.class, WireAdminService.class, GuestMoves.class},
        configurationPid = "org.virtualwire.core")
@Designate(ocd = CoreConfig.class)
public class WireManager extends WireQueries implements WireAdminService, GuestMoves {
    private static final Logger LOG = LoggerFactory.getLogger(WireManager.class);
    static final CloudId DEFAULT_CLOUD = CloudId.of("local");

    private final CopyOnWriteArrayList<WireListener> listeners = new CopyOnWriteArrayList<>();
    private int vniMin = 1;
    private int vniMax = WireId.MAX_VNI;
    /** The VNIs of disconnected wires in quarantine, kept from one committed change to the next. */
    private VniPool.History vniHistory = VniPool.History.fresh();
    private Duration verifyEvery = AgentManager.VERIFY_EVERY;
    private ServiceRegistration<PluginRegistry> registry;

    /** For OSGi. */
    public WireManager() {
        super(new Plugins());
    }

    /**
     * For tests: a manager over a store, with its own agents once {@link #start} is called.
     *
     * @param store the store
     * @param vniMin lowest VNI handed out
     * @param vniMax highest VNI handed out
     */
    public WireManager(WireStore store, int vniMin, int vniMax) {
        super(new Plugins());
        this.store = store;
        this.vniMin = vniMin;
        this.vniMax = vniMax;
    }

    @Reference
    void setStore(WireStore store) {
        this.store = store;
    }

    @Activate
    void activate(CoreConfig config, BundleContext context) {
        vniMin = config.vni_min();
        vniMax = config.vni_max();
        verifyEvery = Duration.ofSeconds(Math.max(0, config.verify_interval_seconds()));
        start();
        // the plug-ins this component's references bring, for probes and migrations: looked up in one place
        registry = context.registerService(PluginRegistry.class, plugins, null);
    }

    /**
     * For tests, before {@link #start}: how often each agent checks that the kernel still has what it applied.
     *
     * @param every the interval; zero for checks on changes only
     */
    public void verifyEvery(Duration every) {
        verifyEvery = every;
    }

    /** Creates the default cloud if missing and starts the agents. */
    public void start() {
        if (store.current().clouds().isEmpty()) {
            store.commit(store.current(), new Topology(store.current().revision() + 1,
                    Map.of(DEFAULT_CLOUD, new Cloud(DEFAULT_CLOUD, "local", Map.of())), Map.of(), Map.of(), Map.of(), Map.of()));
        }
        agents = new AgentManager(store, plugins, verifyEvery);
        agents.start();
        LOG.info("VirtualWire controller started at revision {}", store.current().revision());
    }

    /** Stops the agents; the data plane keeps forwarding. */
    @Deactivate
    public void stop() {
        if (registry != null) {
            registry.unregister();
            registry = null;
        }
        agents.stop();
    }

    /** @param driver a cloud driver that came */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addDriver(CloudDriver driver) {
        plugins.add(driver);
    }

    /** @param driver a cloud driver that went */
    public void removeDriver(CloudDriver driver) {
        plugins.remove(driver);
    }

    /** @param runtime a host runtime that came */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addRuntime(HostRuntime runtime) {
        plugins.add(runtime);
    }

    /** @param runtime a host runtime that went */
    public void removeRuntime(HostRuntime runtime) {
        plugins.remove(runtime);
    }

    /** @param tunnel a tunnel provider that came */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addTunnel(TunnelProvider tunnel) {
        plugins.add(tunnel);
    }

    /** @param tunnel a tunnel provider that went */
    public void removeTunnel(TunnelProvider tunnel) {
        plugins.remove(tunnel);
    }

    /** @param gateway a gateway relay that came */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addGateway(GatewayProvider gateway) {
        plugins.add(gateway);
    }

    /** @param gateway a gateway relay that went */
    public void removeGateway(GatewayProvider gateway) {
        plugins.remove(gateway);
    }

    private <T> T change(Function<Draft, T> request) {
        List<WireEvent> events;
        T result;
        synchronized (this) {
            Topology base = store.current();
            Draft draft = new Draft(base, plugins, vniMin, vniMax, vniHistory, this::unreachable);
            result = request.apply(draft);
            draft.fitMtus(); // once for the whole request; may refuse it
            if (!draft.changed()) {
                return result;
            }
            store.commit(base, draft.build());
            vniHistory = draft.vniHistory();
            events = draft.events();
        }
        events.forEach(e -> listeners.forEach(l -> l.event(e)));
        return result;
    }

    private void run(Consumer<Draft> request) {
        change(d -> {
            request.accept(d);
            return null;
        });
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
    public void removeGuest(GuestId id) {
        run(d -> d.removeGuest(id));
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu) {
        return change(d -> d.addEndpoint(id, mac, address, mtu));
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
        return Optional.ofNullable(store.current().moves().get(guest));
    }

    @Override
    public void addListener(WireListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(WireListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Optional<Wire> wireOf(EndpointId endpoint) {
        return new ArrayList<>(store.current().wires().values()).stream().filter(w -> w.touches(endpoint)).findFirst();
    }
}
