package org.virtualwire.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.gateway.crypto.CipherSuite;
import org.virtualwire.gateway.crypto.TunnelHeader;
import org.virtualwire.spi.NetworkScope;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayProvider;

/**
 * Runs one {@link Gateway} per gateway host of the desired state, its sockets bound in the host's network,
 * its table swapped in from each plan the host's agent gives. Pair keys are derived from one secret, so both
 * ends of every pair agree. A gateway starts again (new keys for the new peer set, sequence numbers moving on
 * with the clock) when its addresses or its set of peers change; otherwise a plan only swaps the table.
 * Each running gateway is registered as a {@link GatewayService} (service property {@code host}) for its
 * counters.
 */
@Component(service = GatewayProvider.class, configurationPid = "org.virtualwire.gateways",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LocalGatewaysConfig.class)
public final class LocalGateways implements GatewayProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LocalGateways.class);

    private final Map<HostId, Running> running = new ConcurrentHashMap<>();
    private BundleContext context;
    private Map<String, Object> config;
    private PairSecret secret;

    /** A gateway as started: what it was started for, and its service registration. */
    private record Running(Host host, Set<String> peers, Gateway gateway, ServiceRegistration<GatewayService> service) {
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) throws java.io.IOException {
        this.context = context;
        this.config = new HashMap<>(properties);
        Path data = Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "virtualwire");
        secret = PairSecret.of(text("pair.secret", ""), data.resolve("gateway-pair.secret"));
    }

    /** For tests: no OSGi, a given secret. */
    LocalGateways(Map<String, Object> properties, String secretBase64) throws java.io.IOException {
        this.config = new HashMap<>(properties);
        this.secret = PairSecret.of(secretBase64, Path.of("/nonexistent"));
    }

    /** For OSGi. */
    public LocalGateways() {
    }

    @Deactivate
    void deactivate() {
        List.copyOf(running.keySet()).forEach(this::release);
    }

    @Override
    public int overhead() {
        return TunnelHeader.LENGTH + CipherSuite.TAG_LENGTH;
    }

    @Override
    public synchronized void reconcile(Host host, GatewayPlan plan, NetworkScope network) throws Exception {
        Set<String> peers = new TreeSet<>();
        plan.peers().forEach(p -> peers.add(p.address()));
        Running r = running.get(host.id());
        if (r == null || !r.host().equals(host) || !r.peers().equals(peers)) {
            release(host.id());
            GatewaySettings settings = GatewaySettings.from(settings(host, peers));
            Gateway gateway = network.call(() -> new Gateway(settings).start());
            ServiceRegistration<GatewayService> service = null;
            if (context != null) {
                Hashtable<String, Object> props = new Hashtable<>();
                props.put("cloud", host.cloud().name());
                props.put("host", host.id().name());
                service = context.registerService(GatewayService.class, gateway, props);
            }
            r = new Running(host, peers, gateway, service);
            running.put(host.id(), r);
            LOG.info("Gateway {} of cloud {}: hosts {}, peers {} ({}, {})", host.id(), host.cloud(),
                    gateway.relay().hostSideAddress(), gateway.relay().peerSideAddress(),
                    gateway.relay().epoll() ? "epoll" : "nio", encrypt() ? settings.suite().label() : "plain");
        }
        List<GatewayPeer> sealed = new ArrayList<>();
        plan.peers().forEach(p -> sealed.add(new GatewayPeer(p.address(), number("public.port", 4889), encrypt())));
        r.gateway().apply(new GatewayPlan(plan.revision(), sealed, plan.routes()));
    }

    @Override
    public synchronized void release(HostId gateway) {
        Running r = running.remove(gateway);
        if (r == null) {
            return;
        }
        if (r.service() != null) {
            try {
                r.service().unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping
            }
        }
        r.gateway().close();
    }

    /** @return the running gateway of a host, if any (for tests) */
    Gateway gateway(HostId host) {
        Running r = running.get(host);
        return r == null ? null : r.gateway();
    }

    private Map<String, Object> settings(Host host, Set<String> peers) {
        Map<String, Object> p = new HashMap<>();
        p.put("cloud", host.cloud().name());
        p.put("private.address", host.underlayAddress());
        p.put("private.port", number("private.port", 4789));
        p.put("host.port", number("private.port", 4789));
        p.put("public.address", host.publicAddress());
        p.put("public.port", number("public.port", 4889));
        p.put("cipher", text("cipher", "AES-GCM"));
        p.put("plain.allowed", String.valueOf(!encrypt()));
        p.put("transport", text("transport", "epoll"));
        p.put("xdp", text("xdp", "true"));
        p.put("xdp.mode", text("xdp.mode", "auto"));
        for (String peer : peers) {
            p.put("key." + peer, secret.pairKey(host.publicAddress(), peer));
        }
        return p;
    }

    private boolean encrypt() {
        return Boolean.parseBoolean(text("encrypt", "true"));
    }

    private String text(String name, String fallback) {
        return GatewaySettings.text(config, name, fallback);
    }

    private int number(String name, int fallback) {
        return GatewaySettings.number(config, name, fallback);
    }
}
