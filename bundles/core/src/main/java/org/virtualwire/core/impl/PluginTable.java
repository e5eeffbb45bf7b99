package org.virtualwire.core.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.gateway.GatewayProvider;
import org.virtualwire.spi.TunnelProvider;

/**
 * The cloud drivers, host runtimes, tunnel providers and gateway relay installed right now, as OSGi brings and takes
 * them; whoever depends on them is told of each change. The core's {@link PluginRegistry}, a component of its own
 * that the controller, probes and migrations reference: it must not be registered from inside another component's
 * activation (a consumer activated by that registration would find the activating component mid-way, a circular
 * reference to SCR: the shell then held every vw: command back). Public for other modules' tests, which fill one.
 */
@Component(service = PluginRegistry.class, immediate = true)
public final class PluginTable implements PluginRegistry {
    private final Map<String, CloudDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, HostRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, TunnelProvider> tunnels = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<GatewayProvider> gateways = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Reference(name = "drivers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "remove")
    public void add(CloudDriver driver) {
        drivers.put(driver.type(), driver);
        changed();
    }

    public void remove(CloudDriver driver) {
        drivers.remove(driver.type(), driver);
        changed();
    }

    @Reference(name = "runtimes", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "remove")
    public void add(HostRuntime runtime) {
        runtimes.put(runtime.kind(), runtime);
        changed();
    }

    public void remove(HostRuntime runtime) {
        runtimes.remove(runtime.kind(), runtime);
        changed();
    }

    @Reference(name = "tunnels", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "remove")
    public void add(TunnelProvider tunnel) {
        tunnels.put(tunnel.protocol(), tunnel);
        changed();
    }

    public void remove(TunnelProvider tunnel) {
        tunnels.remove(tunnel.protocol(), tunnel);
        changed();
    }

    @Reference(name = "gateways", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "remove")
    public void add(GatewayProvider gateway) {
        gateways.add(gateway);
        changed();
    }

    public void remove(GatewayProvider gateway) {
        gateways.remove(gateway);
        changed();
    }

    @Override
    public CloudDriver driverFor(Cloud cloud) {
        return driver(cloud.driver()).orElseThrow(() -> refusal(cloud));
    }

    @Override
    public HostRuntime runtimeFor(Cloud cloud) {
        return driver(cloud.driver()).flatMap(this::runtimeOf).orElseThrow(() -> refusal(cloud));
    }

    @Override
    public Optional<String> missing(Cloud cloud) {
        Optional<CloudDriver> driver = driver(cloud.driver());
        String what;
        if (driver.isEmpty()) {
            what = "cloud driver '" + cloud.driver() + "'";
        } else if (runtimeOf(driver.get()).isEmpty()) {
            what = "host runtime '" + driver.get().runtime() + "' of cloud driver '" + cloud.driver() + "'";
        } else {
            return Optional.empty();
        }
        return Optional.of(what + " of cloud " + cloud.id() + " is not installed: install feature virtualwire-driver-"
                + cloud.driver());
    }

    /** The one refusal for a plug-in that is not installed. */
    private VirtualWireException refusal(Cloud cloud) {
        return new VirtualWireException("driver", missing(cloud).orElseThrow());
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
