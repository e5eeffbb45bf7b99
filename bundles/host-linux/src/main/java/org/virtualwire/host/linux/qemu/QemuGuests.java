package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.spi.GuestPlan;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * The QEMU processes of the local cloud's VM guests. Each runs daemonized inside its host's namespace, its
 * NICs on TAPs the NIC reconciler made, its files in {@code ROOT/<host>/} (see {@link VmFiles}). Like the
 * rest of the driver it changes only what differs: a VM whose QEMU runs with the planned command line and
 * whose TAPs were not remade is left alone; a dead one is started again; one the host's plan lacks is
 * stopped by its pid. A VM arriving by migration is started with {@code -incoming} and waits for its state.
 */
public final class QemuGuests {
    /** First TCP port an incoming QEMU listens on, in its host's namespace. */
    static final int FIRST_PORT = 4400;
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(QemuGuests.class);

    private final Path root;
    private final Function<HostId, String> netns;
    private final Function<Endpoint, String> tap;
    private final Supplier<GuestImage> image;
    private final DiskFormats diskFormats;
    private final Kernel kernel;

    /**
     * @param root the run folder of this driver's VMs, e.g. {@code /run/virtualwire/vw-}
     * @param netns the namespace of a host
     * @param tap the host-side device of a NIC
     * @param image the guest image, asked for only when a QEMU starts
     * @param kernel where QEMU is started
     */
    public QemuGuests(Path root, Function<HostId, String> netns, Function<Endpoint, String> tap, Supplier<GuestImage> image,
            Kernel kernel) {
        this.kernel = kernel;
        this.root = root;
        this.netns = netns;
        this.tap = tap;
        this.image = image;
        this.diskFormats = new DiskFormats(root);
    }

    VmFiles files(HostId host, GuestId guest) {
        return new VmFiles(root.resolve(host.name()), guest.name());
    }

    String netns(HostId host) {
        return netns.apply(host);
    }

    /**
     * Stops the host's VMs its plan lacks, and makes the planned ones run.
     *
     * @param plan the host's plan; its TAPs exist
     * @param remade TAPs made anew in this pass: a QEMU that was attached to the old device must restart
     * @param failed guests that failed already in this pass (left alone), and where a VM whose QEMU would not start
     *        (or whose files could not be read) is put with QEMU's message: the host's other VMs are still made
     */
    public void reconcile(HostPlan plan, Set<String> remade, Map<GuestId, String> failed) {
        HostId host = plan.host().id();
        Set<String> planned = plan.guests().stream().filter(g -> g.guest().kind() == GuestKind.VM)
                .map(g -> g.guest().id().name()).collect(Collectors.toSet());
        for (String guest : VmFiles.guestsIn(root.resolve(host.name()))) {
            if (!planned.contains(guest)) {
                remove(host, guest);
            }
        }
        for (GuestPlan g : plan.guests()) {
            if (g.guest().kind() == GuestKind.VM && !failed.containsKey(g.guest().id())) {
                try {
                    ensure(plan.host(), g, remade);
                } catch (KernelException | UncheckedIOException e) {
                    LOG.warn("VM {} on host {} could not start: {}", g.guest().id(), host, e.getMessage());
                    failed.put(g.guest().id(), "QEMU would not start: " + qemuSaid(e.getMessage()));
                }
            }
        }
    }

    /**
     * @param host the VM's host
     * @param plan a VM planned on it
     * @return why the VM does not run there although it should (its QEMU ended: killed, crashed, or quit in a
     *     live migration that failed), or empty; a VM arriving, or one that left by live migration, need not run
     */
    public Optional<String> notRunning(Host host, GuestPlan plan) {
        VmFiles files = files(host.id(), plan.guest().id());
        if (plan.incoming() || Files.exists(files.moved())) {
            return Optional.empty();
        }
        return QemuProcess.attach(netns(host.id()), command(spec(plan), files)).isPresent() ? Optional.empty()
                : Optional.of("VM " + plan.guest().id() + ": no QEMU runs it on host " + host.id());
    }

    /** @return what QEMU wrote on its error output, without its whole command line (that is in the log) */
    private static String qemuSaid(String message) {
        int failed = message.lastIndexOf(" failed (exit ");
        int said = failed < 0 ? -1 : message.indexOf("): ", failed);
        return said < 0 ? message : message.substring(said + 3).strip();
    }

    /** The NICs in guest order: by name, {@code eth2} before {@code eth10}. */
    VmSpec spec(GuestPlan g) {
        List<VmSpec.Nic> nics = g.endpoints().stream()
                .sorted(Comparator.comparing((Endpoint e) -> e.id().nic().length()).thenComparing(e -> e.id().nic()))
                .map(e -> new VmSpec.Nic(tap.apply(e), e.mac(), e.address(), e.mtu())).toList();
        return new VmSpec(g.guest().id().name(), nics, g.guest().image());
    }

    /** QEMU's command line for a VM on a host, without {@code -incoming}. */
    QemuCommand command(VmSpec spec, VmFiles files) {
        return spec.command(image, disk -> diskFormats.of(spec.name(), disk), files);
    }

    private void ensure(Host host, GuestPlan plan, Set<String> remade) throws KernelException {
        VmSpec spec = spec(plan);
        VmFiles files = files(host.id(), plan.guest().id());
        QemuCommand command = command(spec, files);
        String machine = String.join("\n", command.toArgs());
        Optional<QemuProcess> running = QemuProcess.attach(netns(host.id()), command);
        boolean tapsKept = spec.nics().stream().noneMatch(n -> remade.contains(n.tap()));
        if (running.isPresent() && Files.exists(files.qmp()) && tapsKept
                && files.read(files.machine()).filter(machine::equals).isPresent()) {
            return; // runs as planned: not touched
        }
        if (running.isEmpty() && !plan.incoming() && Files.exists(files.moved())) {
            return; // it left by live migration and runs elsewhere; the next plan drops it here
        }
        running.ifPresent(p -> {
            LOG.info("Restarting VM {} on host {}: {}", spec.name(), host.id(), tapsKept ? "its machine changed" : "a TAP was remade");
            p.stop(GRACE);
        });
        if (running.isEmpty() && Files.exists(files.machine())) {
            LOG.warn("VM {} on host {} ended; starting it again (its console is in {})", spec.name(), host.id(),
                    files.previousLog());
        }
        files.rename(files.log(), files.previousLog());
        files.delete(files.pid());
        files.delete(files.qmp());
        files.delete(files.moved());
        if (plan.incoming()) {
            command.incoming(incomingUri(host, files));
        } else {
            files.delete(files.incoming());
        }
        files.write(files.machine(), machine);
        LOG.info("Starting VM {} on host {}{}", spec.name(), host.id(), plan.incoming() ? " (incoming)" : "");
        QemuProcess.start(kernel, netns(host.id()), command);
    }

    /**
     * The way back: starts a QEMU waiting for a VM that left this host by a live migration which was then not
     * activated (its host is still this one in the desired state, so its TAPs are here), so that it can be
     * migrated back.
     *
     * @param host the host it left
     * @param plan the VM and its NICs
     * @return the waiting QEMU, or empty if the VM did not leave this host by a migration
     * @throws KernelException if QEMU would not start
     */
    Optional<QemuProcess> awaitReturn(Host host, GuestPlan plan) throws KernelException {
        VmFiles files = files(host.id(), plan.guest().id());
        if (!Files.exists(files.moved())) {
            return Optional.empty();
        }
        QemuCommand command = command(spec(plan), files);
        String machine = String.join("\n", command.toArgs());
        files.delete(files.pid());
        files.delete(files.qmp());
        files.rename(files.log(), files.previousLog());
        command.incoming(incomingUri(host, files));
        files.write(files.machine(), machine);
        LOG.info("Starting VM {} on host {} (incoming, to migrate it back)", plan.guest().id(), host.id());
        return Optional.of(QemuProcess.start(kernel, netns(host.id()), command));
    }

    /**
     * Readies the TAPs of a VM arriving on a host to be brought up: they are made down (see the NIC reconciler)
     * so that no frame waits there for the guest before it runs there.
     *
     * @param host the destination host
     * @param nics the VM's NICs
     * @return what brings them up
     * @throws IOException if {@code ip} cannot start
     */
    ArrivalTaps arrivalTaps(HostId host, List<Endpoint> nics) throws IOException {
        return ArrivalTaps.prepare(netns(host), nics.stream().map(tap).toList());
    }

    /** Where the arriving QEMU listens: remembered per guest, a port no other guest of the host has. */
    private String incomingUri(Host host, VmFiles files) {
        String prefix = "tcp:" + host.underlayAddress() + ":";
        Optional<String> known = files.read(files.incoming()).filter(u -> u.startsWith(prefix));
        if (known.isPresent()) {
            return known.get();
        }
        Set<String> taken = new TreeSet<>();
        for (String other : VmFiles.guestsIn(files.dir())) {
            VmFiles f = new VmFiles(files.dir(), other);
            f.read(f.incoming()).ifPresent(u -> taken.add(u.substring(u.lastIndexOf(':') + 1)));
        }
        int port = FIRST_PORT;
        while (taken.contains(Integer.toString(port))) {
            port++;
        }
        files.write(files.incoming(), prefix + port);
        return prefix + port;
    }

    /** Stops a VM's QEMU on a host (by its pid, if it is ours) and forgets its files there. */
    private void remove(HostId host, String guest) {
        VmFiles files = new VmFiles(root.resolve(host.name()), guest);
        QemuProcess.attach(netns(host), files.command()).ifPresent(p -> {
            LOG.info("Stopping VM {} on host {}: not planned there", guest, host);
            p.stop(GRACE);
        });
        files.deleteAll();
    }

    /**
     * Stops every VM of a host and removes its run folder.
     *
     * @param host a host being removed
     */
    public void removeHost(HostId host) {
        Path dir = root.resolve(host.name());
        VmFiles.guestsIn(dir).forEach(g -> remove(host, g));
        deleteEmpty(dir);
    }

    /**
     * Stops the VMs of hosts or guests that are not desired (left by a crash).
     *
     * @param hosts every desired host
     * @param guests every desired guest
     */
    public void sweep(Collection<HostId> hosts, Set<GuestId> guests) {
        Set<String> names = guests.stream().map(GuestId::name).collect(Collectors.toSet());
        for (HostId host : hostsWithFiles()) {
            if (!hosts.contains(host)) {
                removeHost(host);
            } else {
                VmFiles.guestsIn(root.resolve(host.name())).stream().filter(g -> !names.contains(g))
                        .forEach(g -> remove(host, g));
            }
        }
    }

    /** Stops every VM of this driver and removes its run folder. */
    public void removeAll() {
        hostsWithFiles().forEach(this::removeHost);
        deleteEmpty(root);
    }

    private List<HostId> hostsWithFiles() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).map(p -> HostId.of(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static void deleteEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", dir, e.getMessage());
        }
    }
}
