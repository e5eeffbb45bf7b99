package org.virtualwire.core.impl;

import java.util.Optional;

import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.api.Cloud;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;

/**
 * The plug-ins as the change rules ask for them: a cloud's driver and host runtime (refused when not installed), the default
 * tunnel's and the gateways' overheads, and the MTUs that follow. Every plug-in look-up of the change side is here.
 */
final class InstalledPlugins {
    static final String DEFAULT_TUNNEL = "vxlan";
    static final int DEFAULT_OVERHEAD = 50;
    /** What gateways add between them when no relay is installed to say: header and tag, with room to spare. */
    static final int DEFAULT_GATEWAY_OVERHEAD = 40;

    private final PluginRegistry plugins;

    InstalledPlugins(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    /** @return the cloud's driver; refused when it is not installed */
    CloudDriver driverOf(Cloud cloud) {
        return plugins.driverFor(cloud);
    }

    /** @return the runtime of the cloud's hosts; refused when it or the driver is not installed */
    HostRuntime runtimeOf(Cloud cloud) {
        return plugins.runtimeFor(cloud);
    }

    /** @return the runtime of the cloud's hosts, if it and the driver are installed */
    Optional<HostRuntime> installedRuntimeOf(Cloud cloud) {
        return plugins.driver(cloud.driver()).flatMap(plugins::runtimeOf);
    }

    boolean tunnelInstalled() {
        return plugins.tunnel(DEFAULT_TUNNEL).isPresent();
    }

    /** @return what the default tunnel adds to a frame on the underlay */
    int tunnelOverhead() {
        return plugins.tunnel(DEFAULT_TUNNEL).map(t -> t.overhead()).orElse(DEFAULT_OVERHEAD);
    }

    /** @return the MTU of a NIC the user gave none: what the cloud's underlay carries, less the tunnel */
    int defaultMtu(Cloud cloud) {
        return driverOf(cloud).underlayMtu(cloud) - tunnelOverhead();
    }

    PathMtu pathMtu() {
        return new PathMtu(c -> driverOf(c).underlayMtu(c), c -> driverOf(c).publicMtu(c), tunnelOverhead(),
                plugins.gateway().map(g -> g.overhead()).orElse(DEFAULT_GATEWAY_OVERHEAD));
    }
}
