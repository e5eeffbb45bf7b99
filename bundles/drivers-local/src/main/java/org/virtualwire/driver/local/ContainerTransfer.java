package org.virtualwire.driver.local;

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
 * switches every port to it and lets the source's link drop. The guest's NICs, MACs, addresses and sockets
 * stay as they are, and so do the devices of both hosts, which the agents then remove from the source.
 * Moving back (a rollback after the transfer) is the same switch the other way.
 */
final class ContainerTransfer {
    private final LocalNames names;

    ContainerTransfer(LocalNames names) {
        this.names = names;
    }

    TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics) throws KernelException {
        String ns = names.guest(guest.id());
        Set<String> present = Kernel.links(ns).stream().map(Link::name).collect(Collectors.toSet());
        List<String> unprepared = nics.stream().filter(e -> !present.contains(LocalNames.link(e, to)))
                .map(e -> e.id().toString()).toList();
        if (!unprepared.isEmpty()) {
            throw new KernelException("guest " + guest.id() + " has no link to host " + to.id() + " for " + unprepared
                    + ": the destination is not prepared");
        }
        long start = System.nanoTime();
        try {
            Kernel.batch("tc", ns, switchTo(to, nics, present));
        } catch (KernelException e) {
            // the lines that ran switched some NICs: every NIC back to the source, so the guest stays whole there
            Kernel.batchTolerant("tc", ns, switchTo(from, nics, present));
            throw e;
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new TransferResult(millis, String.format(Locale.ROOT,
                "%d NIC(s) switched from their link to %s to their link to %s in one tc batch of %.1f ms", nics.size(),
                from.id(), to.id(), millis));
    }

    /** NIC by NIC, so that each is without a working link for the fewest lines possible (none: it delivers first). */
    private static List<String> switchTo(Host host, List<Endpoint> nics, Set<String> present) {
        List<String> lines = new ArrayList<>();
        for (Endpoint e : nics) {
            String link = LocalNames.link(e, host);
            List<String> others = present.stream()
                    .filter(n -> n.startsWith(LocalNames.linkPrefix(e.slot())) && !n.equals(link)).sorted().toList();
            lines.addAll(PortFilters.activate(LocalNames.port(e), link, others));
        }
        return lines;
    }
}
