package org.virtualwire.spi;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import org.virtualwire.api.Cloud;
import org.virtualwire.spi.gateway.GatewayProvider;

/**
 * The plug-ins installed right now (cloud drivers, host runtimes, tunnel providers, the gateway relay), as OSGi
 * brings and takes them: the one place that looks a plug-in up, and the one refusal when one is missing (naming
 * the cloud, the missing type and the feature to install). The core's own component provides it; the controller,
 * probes and migrations use it. Modelled on Karaf's and ONOS's provider registries.
 */
public interface PluginRegistry {
    /**
     * @param cloud a cloud
     * @return its driver
     * @throws org.virtualwire.api.VirtualWireException (field {@code driver}) if the driver is not installed
     */
    CloudDriver driverFor(Cloud cloud);

    /**
     * @param cloud a cloud
     * @return the runtime its hosts run ({@link CloudDriver#runtime()})
     * @throws org.virtualwire.api.VirtualWireException (field {@code driver}) if the driver or the runtime is not
     *         installed
     */
    HostRuntime runtimeFor(Cloud cloud);

    /**
     * @param cloud a cloud
     * @return what is missing to run its hosts, in the words of {@link #driverFor}'s refusal (e.g. "cloud driver
     *         'ec2' of cloud aws is not installed: install feature virtualwire-driver-ec2"); empty when nothing is
     */
    Optional<String> missing(Cloud cloud);

    /**
     * @param type a driver type, e.g. {@code local}
     * @return the driver, if installed
     */
    Optional<CloudDriver> driver(String type);

    /**
     * @param driver a driver
     * @return the runtime its hosts run, if installed
     */
    Optional<HostRuntime> runtimeOf(CloudDriver driver);

    /** @return every installed driver */
    Collection<CloudDriver> drivers();

    /** @return every installed host runtime */
    Collection<HostRuntime> runtimes();

    /**
     * @param protocol a tunnel protocol, e.g. {@code vxlan}
     * @return its provider, if installed
     */
    Optional<TunnelProvider> tunnel(String protocol);

    /** @return the protocols of the installed tunnel providers */
    Set<String> protocols();

    /** @return the gateway relay, if one is installed */
    Optional<GatewayProvider> gateway();

    /** @param listener told after each plug-in that came or went */
    void addListener(Runnable listener);

    /** @param listener a listener added before */
    void removeListener(Runnable listener);
}
