package org.virtualwire.driver.local;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * The {@code local} cloud: a host is a network namespace of this machine ({@code <prefix>h-<name>}), each cloud's
 * underlay a bridge in a namespace of its own ({@code <prefix>u-<cloud>}), the network between gateways one more
 * ({@code <prefix>inter}). What runs on the hosts is the Linux host runtime's (bundle {@code host-linux}), which
 * finds a host's namespace by the rule they share ({@link org.virtualwire.spi.linux.HostNamespace}): both are
 * configured with the same {@code namespacePrefix}.
 */
@Component(service = CloudDriver.class, configurationPid = "org.virtualwire.driver.local")
@Designate(ocd = LocalConfig.class)
public class LocalCloudDriver implements CloudDriver {
    static final String TYPE = "local";
    private static final Logger LOG = LoggerFactory.getLogger(LocalCloudDriver.class);
    private static final int DEFAULT_MTU = 1500;

    private LocalNames names;
    private HostSetup hosts;
    private boolean teardownOnStop;
    private final Kernel kernel;

    /** For OSGi: the machine's real kernel. */
    public LocalCloudDriver() {
        kernel = new LinuxKernel();
    }

    /**
     * For tests.
     *
     * @param namespacePrefix prefix of every namespace made
     */
    public LocalCloudDriver(String namespacePrefix) {
        this(namespacePrefix, new LinuxKernel());
    }

    /**
     * For tests.
     *
     * @param namespacePrefix prefix of every namespace made
     * @param kernel where the hosts are made
     */
    public LocalCloudDriver(String namespacePrefix, Kernel kernel) {
        this.kernel = kernel;
        init(namespacePrefix);
    }

    @Activate
    void activate(LocalConfig config) {
        init(config.namespacePrefix());
        teardownOnStop = config.teardownOnStop();
    }

    private void init(String prefix) {
        names = new LocalNames(prefix);
        hosts = new HostSetup(names, kernel);
    }

    @Deactivate
    void deactivate() {
        if (teardownOnStop) {
            teardown();
        }
    }

    /** Removes every host, underlay and inter-cloud namespace this driver made (the runtime's guests are its own). */
    public void teardown() {
        for (String ns : names.ours(kernel.netns(names.prefix()))) {
            try {
                kernel.deleteNetns(ns);
            } catch (KernelException e) {
                LOG.warn("Could not remove namespace {}: {}", ns, e.getMessage());
            }
        }
    }

    static int mtuOf(Cloud cloud) {
        String mtu = cloud.properties().get("mtu");
        try {
            return mtu == null ? DEFAULT_MTU : Integer.parseInt(mtu.trim());
        } catch (NumberFormatException e) {
            throw new VirtualWireException("mtu", "cloud " + cloud.id() + ": mtu '" + mtu + "' is not a number");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(Cloud cloud) {
        LocalSubnet.parseNew(cloud.properties().get("subnet"));
        int mtu = mtuOf(cloud);
        if (mtu < 1280 || mtu > 9000) {
            throw new VirtualWireException("mtu", "cloud " + cloud.id() + ": underlay mtu " + mtu + " must be 1280 to 9000");
        }
        Set<String> unknown = cloud.properties().keySet().stream()
                .filter(k -> !Set.of("subnet", "mtu", "agents").contains(k)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new VirtualWireException("properties", "cloud " + cloud.id() + ": unknown properties " + unknown
                    + " (the local driver knows subnet, mtu and agents)");
        }
        String agents = cloud.properties().get("agents");
        if (agents != null && !Set.of("in-process", "process").contains(agents)) {
            throw new VirtualWireException("agents", "cloud " + cloud.id() + ": agents '" + agents
                    + "' must be in-process (the controller runs its hosts' agents, the default) or process (each "
                    + "host's agent is a process of its own, configured with agent.hosts; needs the ZooKeeper store)");
        }
    }

    /**
     * Refuses a subnet that overlaps the subnet another local cloud was given explicitly, naming that cloud. A cloud
     * without a {@code subnet} (the default cloud {@code local}) has the whole 198.18.0.0/16 and lends it: other
     * clouds' subnets lie in it (as in examples/three-clouds.yaml), and host addresses are unique across clouds
     * (the core passes every host's address as taken), so no address is on two machines.
     */
    @Override
    public void validate(Cloud cloud, Collection<Cloud> others) {
        validate(cloud);
        if (cloud.properties().get("subnet") == null) {
            return;
        }
        Ipv4Prefix mine = LocalSubnet.parse(cloud.properties().get("subnet")).prefix();
        for (Cloud other : others) {
            String theirs = other.properties().get("subnet");
            if (TYPE.equals(other.driver()) && theirs != null && !other.id().equals(cloud.id())) {
                Ipv4Prefix p = LocalSubnet.parse(theirs).prefix();
                if (mine.overlaps(p)) {
                    throw new VirtualWireException("subnet", "subnet " + mine + " of cloud " + cloud.id()
                            + " overlaps subnet " + p + " of cloud " + other.id() + ": choose one that does not");
                }
            }
        }
    }

    /**
     * Refuses an address in 198.18.0.0/15, the clouds' underlays and the network between gateways, which only hosts
     * and gateways have.
     */
    @Override
    public void validateEndpoint(Guest guest, Endpoint endpoint) {
        if (endpoint.address() != null && LocalSubnet.RESERVED.contains(endpoint.address().value())) {
            throw new VirtualWireException("ip", "address " + endpoint.address() + " of " + endpoint.id() + " lies in "
                    + LocalSubnet.RESERVED + ", where the local clouds' underlays and the network between their "
                    + "gateways are: a guest's NIC needs another address, e.g. in 10.99.0.0/16");
        }
    }

    @Override
    public String allocateAddress(Cloud cloud, HostId id, String requested, Set<String> taken) {
        return LocalSubnet.parse(cloud.properties().get("subnet")).allocate(requested, taken);
    }

    @Override
    public void validatePublicAddress(Cloud cloud, String publicAddress) {
        InterCloud.check(publicAddress);
    }

    /** The host's namespace and its uplink to its cloud's underlay (see {@link HostSetup#ensure}). */
    @Override
    public void ensureHost(Host host, Cloud cloud) throws KernelException {
        hosts.ensure(host, cloud);
    }

    /** The host's namespace and its uplink to its cloud's underlay, see {@link HostSetup#verify}. */
    @Override
    public void verifyHost(Host host, Cloud cloud) throws KernelException {
        hosts.verify(host, cloud);
    }

    @Override
    public void releaseHost(Host host, Cloud cloud) throws KernelException {
        hosts.remove(host);
    }

    @Override
    public void sweep(Collection<Host> desired) throws KernelException {
        Set<String> keep = desired.stream().map(h -> names.host(h.id())).collect(Collectors.toSet());
        desired.forEach(h -> keep.add(names.underlay(h.cloud())));
        if (desired.stream().anyMatch(Host::gateway)) {
            keep.add(names.interCloud());
        }
        for (String ns : names.ours(kernel.netns(names.prefix()))) {
            if (!keep.contains(ns)) {
                LOG.info("Removing namespace {}: nothing desired uses it", ns);
                kernel.deleteNetns(ns);
            }
        }
    }

    @Override
    public String netns(Host host) {
        return names.host(host.id());
    }

    @Override
    public int underlayMtu(Cloud cloud) {
        return mtuOf(cloud);
    }
}
