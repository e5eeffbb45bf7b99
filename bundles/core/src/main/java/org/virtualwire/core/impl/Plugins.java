package org.virtualwire.core.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.gateway.GatewayProvider;
import org.virtualwire.spi.TunnelProvider;

/**
 * The cloud drivers, tunnel providers and gateway relay installed right now, as OSGi brings and takes them; whoever
 * depends on them is told of each change.
 */
final class Plugins {
    private final Map<String, CloudDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, TunnelProvider> tunnels = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<GatewayProvider> gateways = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    void add(CloudDriver driver) {
        drivers.put(driver.type(), driver);
        changed();
    }

    void remove(CloudDriver driver) {
        drivers.remove(driver.type(), driver);
        changed();
    }

    void add(TunnelProvider tunnel) {
        tunnels.put(tunnel.protocol(), tunnel);
        changed();
    }

    void remove(TunnelProvider tunnel) {
        tunnels.remove(tunnel.protocol(), tunnel);
        changed();
    }

    void add(GatewayProvider gateway) {
        gateways.add(gateway);
        changed();
    }

    void remove(GatewayProvider gateway) {
        gateways.remove(gateway);
        changed();
    }

    /** @return the gateway relay, if one is installed */
    Optional<GatewayProvider> gateway() {
        return gateways.stream().findFirst();
    }

    Optional<CloudDriver> driver(String type) {
        return Optional.ofNullable(drivers.get(type));
    }

    java.util.Collection<CloudDriver> drivers() {
        return java.util.List.copyOf(drivers.values());
    }

    java.util.Set<String> protocols() {
        return java.util.Set.copyOf(tunnels.keySet());
    }

    Optional<TunnelProvider> tunnel(String protocol) {
        return Optional.ofNullable(tunnels.get(protocol));
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
