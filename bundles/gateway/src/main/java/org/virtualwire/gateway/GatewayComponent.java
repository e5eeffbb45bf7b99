package org.virtualwire.gateway;

import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.spi.WireStore;
import org.virtualwire.spi.gateway.GatewayPlanner;

/**
 * Runs this machine's gateway when {@code org.virtualwire.gateway} names a cloud: binds the sockets, feeds the
 * table from the store through the {@link GatewayPlanner} (when one is registered: until then, and while a new
 * one replaces it, the table stays as it is), and registers the {@link GatewayService} while it forwards. A configuration change restarts it (sequence numbers move on with the clock, see the tunnel header).
 */
@Component(configurationPid = "org.virtualwire.gateway", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = GatewayConfig.class)
public final class GatewayComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayComponent.class);

    /** Greedy, as the wire manager's: the highest-ranked store is the one in use. */
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private WireStore store;

    private volatile GatewayPlanner planner;

    private Gateway gateway;
    private TableFeeder feeder;
    private ServiceRegistration<GatewayService> registration;

    /** The planner comes from the multi-cloud topology model; until it is there the table stays empty. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindPlanner(GatewayPlanner p) {
        planner = p;
        if (feeder != null) {
            feeder.planner(p);
        }
    }

    synchronized void unbindPlanner(GatewayPlanner p) {
        if (planner == p) {
            planner = null;
            if (feeder != null) {
                feeder.planner(null);
            }
        }
    }

    @Activate
    synchronized void activate(BundleContext context, Map<String, Object> properties) {
        GatewaySettings settings = GatewaySettings.from(properties);
        if (!settings.enabled()) {
            LOG.info("no gateway on this machine (org.virtualwire.gateway names no cloud)");
            return;
        }
        gateway = new Gateway(settings).start();
        feeder = new TableFeeder(store, planner, settings.cloud(), gateway);
        feeder.start();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("cloud", settings.cloud().name());
        registration = context.registerService(GatewayService.class, gateway, props);
        LOG.info("gateway of {}: hosts {}, peers {}, {} ({}), {} peer keys", settings.cloud(),
                gateway.relay().hostSideAddress(), gateway.relay().peerSideAddress(),
                gateway.relay().epoll() ? "epoll" : "nio", settings.suite().label(), settings.keys().peers().size());
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (feeder != null) {
            feeder.stop();
            feeder = null;
        }
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }
}
