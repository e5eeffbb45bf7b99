package org.virtualwire.host.linux;

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
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.host.linux.qemu.GuestImage;
import org.virtualwire.host.linux.qemu.QemuGuests;
import org.virtualwire.host.linux.qemu.QemuTransfer;
import org.virtualwire.host.linux.qemu.UserImage;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.GuestsFailedException;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.NetworkScope;
import org.virtualwire.spi.TransferResult;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * The Linux host runtime: what runs on a host whose devices live in a network namespace of this machine (the local
 * cloud's hosts). A container guest is a namespace of its own ({@code <prefix>g-<name>}); its NIC is a veth pair
 * inside the guest, joined by tc redirects to a veth pair into each host the guest is on (see {@link GuestSetup}):
 * migrating the guest switches those redirects, no device moves. VM guests are QEMU processes in their host's
 * namespace, their NICs TAPs named like the veths would be, their files under {@code /run/virtualwire/<prefix>}.
 *
 * <p>The host's namespace is its driver's, named by the rule they share
 * ({@link org.virtualwire.spi.linux.HostNamespace}): this runtime's {@code namespacePrefix} (PID
 * {@code org.virtualwire.host.linux}) must be the driver's.
 */
@Component(service = HostRuntime.class, configurationPid = "org.virtualwire.host.linux")
@Designate(ocd = LinuxConfig.class)
public class LinuxHostRuntime implements HostRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxHostRuntime.class);
    private static final Path RUN_ROOT = Path.of("/run/virtualwire");

    private LinuxNames names;
    private NicReconciler nics;
    private GuestRoutesSetup routes;
    private ContainerTransfer containers;
    private QemuGuests vms;
    private QemuTransfer vmTransfer;
    private GatewayTls tls;
    private boolean teardownOnStop;
    private final Kernel kernel;

    /** For OSGi: the machine's real kernel. */
    public LinuxHostRuntime() {
        kernel = new LinuxKernel();
    }

    /**
     * For tests.
     *
     * @param namespacePrefix prefix of every namespace, the driver's
     */
    public LinuxHostRuntime(String namespacePrefix) {
        this(namespacePrefix, new LinuxKernel());
    }

    /**
     * For tests.
     *
     * @param namespacePrefix prefix of every namespace, the driver's
     * @param kernel where the guests are made
     */
    public LinuxHostRuntime(String namespacePrefix, Kernel kernel) {
        this.kernel = kernel;
        init(namespacePrefix, "");
    }

    @Activate
    void activate(LinuxConfig config) {
        init(config.namespacePrefix(), config.guestImage());
        teardownOnStop = config.teardownOnStop();
    }

    private void init(String prefix, String guestImage) {
        names = new LinuxNames(prefix);
        nics = new NicReconciler(names, new GuestSetup(names, kernel), new LinkRelease(names, kernel), kernel);
        routes = new GuestRoutesSetup(names, kernel);
        containers = new ContainerTransfer(names, kernel);
        vms = new QemuGuests(RUN_ROOT.resolve(prefix), names::host, LinuxNames::nic, () -> GuestImage.locate(guestImage),
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

    /** Stops every VM and removes every guest namespace this runtime made. */
    public void teardown() {
        vms.removeAll();
        for (String ns : kernel.netns(names.guestPrefix())) {
            try {
                kernel.deleteNetns(ns);
            } catch (KernelException e) {
                LOG.warn("Could not remove namespace {}: {}", ns, e.getMessage());
            }
        }
    }

    @Override
    public String kind() {
        return HostRuntime.LINUX;
    }

    /** A VM's own kernel, initrd and disk must be files here that QEMU can read; see {@link UserImage}. */
    @Override
    public void validateGuest(Guest guest) {
        if (guest.kind() == GuestKind.VM) {
            UserImage.check(guest.image());
        }
    }

    /** Refuses a switch's NIC named like the switch's bridge: making the NIC would delete the bridge. */
    @Override
    public void validateEndpoint(Guest guest, Endpoint endpoint) {
        if (guest.kind() == GuestKind.SWITCH && endpoint.id().nic().equals(LinuxNames.SWITCH_BRIDGE)) {
            throw new VirtualWireException("endpoint", "NIC name '" + endpoint.id().nic() + "' of " + endpoint.id()
                    + " is the name of the switch's own bridge: choose another, e.g. p1");
        }
    }

    @Override
    public NetworkScope network(Host host) {
        return new NetnsScope(names.host(host.id()));
    }

    /**
     * Each guest on its own: a guest whose NIC or QEMU is refused fails alone, reported by
     * {@link GuestsFailedException} once the others are made.
     */
    @Override
    public void reconcile(HostPlan plan) throws KernelException, GuestsFailedException {
        Map<GuestId, String> failed = new TreeMap<>();
        vms.reconcile(plan, nics.reconcile(plan, failed), failed); // VMs last: their TAPs must exist
        for (GuestPlan g : plan.guests()) { // routes once their NICs have addresses: a next hop must be on a link
            if (GuestRoutesSetup.routed(g) && !failed.containsKey(g.guest().id())) {
                try {
                    routes.reconcile(g);
                } catch (KernelException e) {
                    failed.put(g.guest().id(), "routes: " + e.getMessage());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new GuestsFailedException(failed);
        }
    }

    /**
     * Each planned NIC's host-side device, each container's namespace and each VM's QEMU (one that ended is started
     * again by the pass that follows): one look at the host's devices.
     */
    @Override
    public void verify(HostPlan plan) throws KernelException {
        Set<String> devices = kernel.links(names.host(plan.host().id())).stream().map(Link::name)
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
                if (!devices.contains(LinuxNames.nic(e))) {
                    throw new KernelException("NIC " + e.id() + ": its device " + LinuxNames.nic(e)
                            + " is missing on host " + plan.host().id());
                }
            }
        }
    }

    @Override
    public void removeGuests(Host host) {
        vms.removeHost(host.id());
    }

    @Override
    public void sweep(Collection<Host> desired, Set<GuestId> guests) throws KernelException {
        vms.sweep(desired.stream().map(Host::id).toList(), guests);
        Set<String> keep = guests.stream().map(names::guest).collect(Collectors.toSet());
        for (String ns : kernel.netns(names.guestPrefix())) {
            if (!keep.contains(ns)) {
                LOG.info("Removing namespace {}: nothing desired uses it", ns);
                kernel.deleteNetns(ns);
            }
        }
    }

    @Override
    public String hostDevice(Endpoint endpoint) {
        return LinuxNames.nic(endpoint);
    }

    @Override
    public EndCounters counters(Host host, Endpoint endpoint) {
        try {
            String dev = LinuxNames.nic(endpoint);
            // the host side's receive counters are what the guest sent into the wire, and the reverse
            return kernel.links(names.host(host.id())).stream().filter(l -> l.name().equals(dev)).findFirst()
                    .map(Link::stats).map(s -> new EndCounters(s.rxPackets(), s.rxBytes(), s.txPackets(), s.txBytes(),
                            s.rxDropped() + s.txDropped())).orElse(EndCounters.ZERO);
        } catch (KernelException e) {
            return EndCounters.ZERO;
        }
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
