package org.virtualwire.driver.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.driver.local.qemu.GuestImage;
import org.virtualwire.driver.local.qemu.QemuGuests;
import org.virtualwire.driver.local.qemu.QemuTransfer;
import org.virtualwire.driver.local.qemu.UserImage;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.GuestsFailedException;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.NetworkScope;
import org.virtualwire.spi.TransferResult;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.LinuxKernel;
import org.virtualwire.spi.linux.Link;

/**
 * The {@code local} cloud: hosts and guests are network namespaces of this machine, each cloud's underlay is a
 * bridge in a namespace of its own. A guest's NIC is a veth pair inside the guest, joined by tc redirects to a
 * veth pair into each host the guest is on (see {@link GuestSetup}): migrating the guest switches those
 * redirects, no device moves. VM guests are QEMU processes in their host's
 * namespace, their NICs TAPs named like the veths would be, their files under {@code /run/virtualwire/<prefix>}.
 */
@Component(service = CloudDriver.class, configurationPid = "org.virtualwire.driver.local")
@Designate(ocd = LocalConfig.class)
public class LocalCloudDriver implements CloudDriver {
    static final String TYPE = "local";
    private static final Logger LOG = LoggerFactory.getLogger(LocalCloudDriver.class);
    private static final int DEFAULT_MTU = 1500;
    private static final Path RUN_ROOT = Path.of("/run/virtualwire");

    private LocalNames names;
    private HostSetup hosts;
    private NicReconciler nics;
    private ContainerTransfer containers;
    private QemuGuests vms;
    private QemuTransfer vmTransfer;
    private GatewayTls tls;
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
     * @param kernel where the hosts and guests are made
     */
    public LocalCloudDriver(String namespacePrefix, Kernel kernel) {
        this.kernel = kernel;
        init(namespacePrefix, "");
    }

    @Activate
    void activate(LocalConfig config) {
        init(config.namespacePrefix(), config.guestImage());
        teardownOnStop = config.teardownOnStop();
    }

    private void init(String prefix, String guestImage) {
        names = new LocalNames(prefix);
        hosts = new HostSetup(names, kernel);
        nics = new NicReconciler(names, new GuestSetup(names, kernel), new LinkRelease(names, kernel), kernel);
        containers = new ContainerTransfer(names, kernel);
        vms = new QemuGuests(RUN_ROOT.resolve(prefix), names::host, LocalNames::nic, () -> GuestImage.locate(guestImage),
                kernel);
        vmTransfer = new QemuTransfer(vms);
        tls = new GatewayTls(RUN_ROOT.resolve(prefix + "gateway-tls.p12"), kernel);
    }

    @Deactivate
    void deactivate() {
        if (teardownOnStop) {
            teardown();
        }
    }

    /** Stops every VM and removes every namespace this driver made. */
    public void teardown() {
        vms.removeAll();
        for (String ns : kernel.netns(names.prefix())) {
            try {
                kernel.run(List.of("ip", "netns", "del", ns), null);
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
        Set<String> unknown = cloud.properties().keySet().stream().filter(k -> !Set.of("subnet", "mtu").contains(k))
                .collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new VirtualWireException("properties", "cloud " + cloud.id() + ": unknown properties " + unknown
                    + " (the local driver knows subnet and mtu)");
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
     * Refuses what the local driver's kernel objects would clash with: a switch's NIC named like the switch's
     * bridge (making the NIC would delete the bridge), and an address in 198.18.0.0/15, the clouds' underlays
     * and the network between gateways, which only hosts and gateways have.
     */
    @Override
    public void validateEndpoint(Guest guest, Endpoint endpoint) {
        if (guest.kind() == GuestKind.SWITCH && endpoint.id().nic().equals(LocalNames.SWITCH_BRIDGE)) {
            throw new VirtualWireException("endpoint", "NIC name '" + endpoint.id().nic() + "' of " + endpoint.id()
                    + " is the name of the switch's own bridge: choose another, e.g. p1");
        }
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

    /** A VM's own kernel, initrd and disk must be files here that QEMU can read; see {@link UserImage}. */
    @Override
    public void validateGuest(Guest guest) {
        if (guest.kind() == GuestKind.VM) {
            UserImage.check(guest.image());
        }
    }

    @Override
    public NetworkScope network(Host host) {
        return new NetnsScope(names.host(host.id()));
    }

    /**
     * The host first (what the kernel refuses there fails the host), then each guest on its own: a guest whose
     * NIC or QEMU is refused fails alone, reported by {@link GuestsFailedException} once the others are made.
     */
    @Override
    public void reconcile(HostPlan plan) throws KernelException, GuestsFailedException {
        hosts.ensure(plan.host(), plan.cloud());
        Map<GuestId, String> failed = new TreeMap<>();
        vms.reconcile(plan, nics.reconcile(plan, failed), failed); // VMs last: their TAPs must exist
        if (!failed.isEmpty()) {
            throw new GuestsFailedException(failed);
        }
    }

    /**
     * The host's namespace and its uplink to its cloud's underlay (see {@link HostSetup#verify}), each planned
     * NIC's host-side device, each container's namespace and each VM's QEMU (one that ended is started again by
     * the pass that follows): one look at the host's devices.
     */
    @Override
    public void verify(HostPlan plan) throws KernelException {
        Set<String> devices = hosts.verify(plan.host(), plan.cloud()).stream().map(Link::name)
                .collect(Collectors.toSet());
        for (GuestPlan g : plan.guests()) {
            if (g.guest().kind() != GuestKind.VM && !kernel.netnsExists(names.guest(g.guest().id()))) {
                throw new KernelException("guest " + g.guest().id() + ": its namespace " + names.guest(g.guest().id())
                        + " is missing");
            }
            if (g.guest().kind() == GuestKind.VM) {
                Optional<String> stopped = vms.notRunning(plan.host(), g);
                if (stopped.isPresent()) {
                    throw new KernelException(stopped.get());
                }
            }
            for (Endpoint e : g.endpoints()) {
                if (!devices.contains(LocalNames.nic(e))) {
                    throw new KernelException("NIC " + e.id() + ": its device " + LocalNames.nic(e)
                            + " is missing on host " + plan.host().id());
                }
            }
        }
    }

    @Override
    public void releaseHost(Host host, Cloud cloud) throws KernelException {
        vms.removeHost(host.id());
        hosts.remove(host);
    }

    @Override
    public void sweep(Collection<Host> desired, Set<GuestId> guests) throws KernelException {
        vms.sweep(desired.stream().map(Host::id).toList(), guests);
        Set<String> keep = desired.stream().map(h -> names.host(h.id())).collect(Collectors.toSet());
        desired.forEach(h -> keep.add(names.underlay(h.cloud())));
        if (desired.stream().anyMatch(Host::gateway)) {
            keep.add(names.interCloud());
        }
        guests.forEach(g -> keep.add(names.guest(g)));
        for (String ns : kernel.netns(names.prefix())) {
            if (!keep.contains(ns)) {
                LOG.info("Removing namespace {}: nothing desired uses it", ns);
                kernel.run(List.of("ip", "netns", "del", ns), null);
            }
        }
    }

    @Override
    public boolean isReachable(Host host) {
        return kernel.netnsExists(names.host(host.id()));
    }

    @Override
    public String netns(Host host) {
        return names.host(host.id());
    }

    @Override
    public String hostDevice(Endpoint endpoint) {
        return LocalNames.nic(endpoint);
    }

    @Override
    public EndCounters counters(Host host, Endpoint endpoint) {
        try {
            String dev = LocalNames.nic(endpoint);
            // the host side's receive counters are what the guest sent into the wire, and the reverse
            return kernel.links(names.host(host.id())).stream().filter(l -> l.name().equals(dev)).findFirst()
                    .map(Link::stats).map(s -> new EndCounters(s.rxPackets(), s.rxBytes(), s.txPackets(), s.txBytes(),
                            s.rxDropped() + s.txDropped())).orElse(EndCounters.ZERO);
        } catch (KernelException e) {
            return EndCounters.ZERO;
        }
    }

    @Override
    public int underlayMtu(Cloud cloud) {
        return mtuOf(cloud);
    }

    @Override
    public TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options)
            throws Exception {
        if (guest.kind() == GuestKind.VM) {
            return vmTransfer.transfer(guest, from, to, nics, options);
        }
        return containers.transfer(guest, from, to, nics);
    }

    @Override
    public TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options,
            Host fromGateway, Host toGateway) throws Exception {
        if (guest.kind() != GuestKind.VM) {
            return containers.transfer(guest, from, to, nics); // a namespace moves without a stream
        }
        GatewayStream route = new GatewayStream(network(fromGateway), fromGateway.underlayAddress(), network(toGateway),
                toGateway.publicAddress(), tls.context());
        return vmTransfer.transfer(guest, from, to, nics, options, route);
    }

    @Override
    public ProbeResult probe(Host host, Guest guest, EndpointId from, String target, Duration duration,
            Duration interval) throws KernelException {
        if (guest.kind() == GuestKind.VM) {
            throw new VirtualWireException("guest", "cannot probe from VM " + guest.id() + ": probe from a container toward it");
        }
        return IcmpProbe.run(names.guest(guest.id()), from, target, duration, interval);
    }
}
