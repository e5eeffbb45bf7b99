package org.virtualwire.host.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.spi.TransferResult;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;

/**
 * Moves a container (or a switch, a router): nothing moves but its traffic. The destination's agent made a
 * link for each NIC while preparing (dropping what it gets); one {@code tc -batch} in the guest's namespace
 * switches every port to it and lets the source's link drop. tc is started (and ready) before the batch is
 * sent, so the time reported is the switch alone: the window in which the guest's NICs change links. The
 * guest's NICs, MACs, addresses and sockets stay as they are, and so do the devices of both hosts, which the
 * agents then remove from the source. Before the switch the destination learns the link-layer addresses of
 * the underlay peers it will send to, so the guest's first frames from there leave at once.
 * Moving back (a rollback after the transfer) is the same switch the other way.
 */
final class ContainerTransfer {
    private final LinuxNames names;
    private final Kernel kernel;

    ContainerTransfer(LinuxNames names, Kernel kernel) {
        this.kernel = kernel;
        this.names = names;
    }

    TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics) throws KernelException {
        String ns = names.guest(guest.id());
        Set<String> present = kernel.links(ns).stream().map(Link::name).collect(Collectors.toSet());
        List<String> unprepared = nics.stream().filter(e -> !present.contains(LinuxNames.link(e, to)))
                .map(e -> e.id().toString()).toList();
        if (!unprepared.isEmpty()) {
            throw new KernelException("guest " + guest.id() + " has no link to host " + to.id() + " for " + unprepared
                    + ": the destination is not prepared");
        }
        // the destination's first frames after the switch must not wait for ARP (see UnderlayNeighbours)
        UnderlayNeighbours.resolve(kernel, names.host(to.id()));
        List<String> lines = switchTo(to, nics, present);
        double millis;
        try (TcSession tc = TcSession.open(ns)) {
            millis = tc.run(lines);
        } catch (KernelException e) {
            // the lines that ran switched some NICs: every NIC back to the source, so the guest stays whole there
            kernel.batchTolerant("tc", ns, switchTo(from, nics, present));
            throw e;
        }
        return new TransferResult(millis, String.format(Locale.ROOT,
                "%d NIC(s) switched from their links to %s to their links to %s: one tc batch of %d lines, %.2f ms",
                nics.size(), from.id(), to.id(), lines.size(), millis));
    }

    /** NIC by NIC, so that each is without a working link for the fewest lines possible (none: it delivers first). */
    private static List<String> switchTo(Host host, List<Endpoint> nics, Set<String> present) {
        List<String> lines = new ArrayList<>();
        for (Endpoint e : nics) {
            String link = LinuxNames.link(e, host);
            List<String> others = present.stream()
                    .filter(n -> n.startsWith(LinuxNames.linkPrefix(e.slot())) && !n.equals(link)).sorted().toList();
            lines.addAll(PortFilters.activate(LinuxNames.port(e), link, others));
        }
        return lines;
    }
}
