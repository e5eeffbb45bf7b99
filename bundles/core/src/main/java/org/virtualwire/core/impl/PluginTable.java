package org.virtualwire.core.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.AgentPass;
import org.virtualwire.api.AgentPassListener;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.gateway.GatewayProvider;
import org.virtualwire.spi.TunnelProvider;

/**
 * The cloud drivers, host runtimes, tunnel providers and gateway relay installed right now, as OSGi brings and takes them; whoever
 * depends on them is told of each change. The core's {@link PluginRegistry}: the core's controller feeds it from its
 * OSGi references and registers it as a service while it runs. Public for other modules' tests, which fill one.
 */
public final class PluginTable implements PluginRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PluginTable.class);
    private final Map<String, CloudDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, HostRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, TunnelProvider> tunnels = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<GatewayProvider> gateways = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<AgentPassListener> passListeners = new CopyOnWriteArrayList<>();

    public void add(CloudDriver driver) {
        drivers.put(driver.type(), driver);
        changed();
    }

    public void remove(CloudDriver driver) {
        drivers.remove(driver.type(), driver);
        changed();
    }

    public void add(HostRuntime runtime) {
        runtimes.put(runtime.kind(), runtime);
        changed();
    }

    public void remove(HostRuntime runtime) {
        runtimes.remove(runtime.kind(), runtime);
        changed();
    }

    public void add(TunnelProvider tunnel) {
        tunnels.put(tunnel.protocol(), tunnel);
        changed();
    }

    public void remove(TunnelProvider tunnel) {
        tunnels.remove(tunnel.protocol(), tunnel);
        changed();
    }

    public void add(GatewayProvider gateway) {
        gateways.add(gateway);
        changed();
    }

    public void remove(GatewayProvider gateway) {
        gateways.remove(gateway);
        changed();
    }

    /** A pass listener is no plug-in of the data plane: its coming and going changes nothing the agents do. */
    public void add(AgentPassListener listener) {
        passListeners.add(listener);
    }

    public void remove(AgentPassListener listener) {
        passListeners.remove(listener);
    }

    /**
     * Tells every pass listener; one that throws is logged and does not keep the others (or the agent) from going on.
     *
     * @param pass a pass of an agent that has just ended
     */
    void passed(AgentPass pass) {
        for (AgentPassListener l : passListeners) {
            try {
                l.passed(pass);
            } catch (RuntimeException e) {
                LOG.warn("Agent pass listener {} failed: {}", l, e.toString());
            }
        }
    }

    @Override
    public CloudDriver driverFor(Cloud cloud) {
        return driver(cloud.driver()).orElseThrow(() -> missing(cloud, "cloud driver '" + cloud.driver() + "'"));
    }

    @Override
    public HostRuntime runtimeFor(Cloud cloud) {
        CloudDriver driver = driverFor(cloud);
        return runtimeOf(driver).orElseThrow(() -> missing(cloud, "host runtime '" + driver.runtime()
                + "' of cloud driver '" + cloud.driver() + "'"));
    }

    /** The one refusal for a plug-in that is not installed. */
    private static VirtualWireException missing(Cloud cloud, String what) {
        return new VirtualWireException("driver", what + " of cloud " + cloud.id()
                + " is not installed: install feature virtualwire-driver-" + cloud.driver());
    }

    @Override
    public Optional<GatewayProvider> gateway() {
        return gateways.stream().findFirst();
    }

    @Override
    public Optional<CloudDriver> driver(String type) {
        return Optional.ofNullable(drivers.get(type));
    }

    /** @return the runtime the driver's hosts run, if installed */
    @Override
    public Optional<HostRuntime> runtimeOf(CloudDriver driver) {
        return Optional.ofNullable(runtimes.get(driver.runtime()));
    }

    @Override
    public java.util.Collection<HostRuntime> runtimes() {
        return java.util.List.copyOf(runtimes.values());
    }

    @Override
    public java.util.Collection<CloudDriver> drivers() {
        return java.util.List.copyOf(drivers.values());
    }

    @Override
    public java.util.Set<String> protocols() {
        return java.util.Set.copyOf(tunnels.keySet());
    }

    @Override
    public Optional<TunnelProvider> tunnel(String protocol) {
        return Optional.ofNullable(tunnels.get(protocol));
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
