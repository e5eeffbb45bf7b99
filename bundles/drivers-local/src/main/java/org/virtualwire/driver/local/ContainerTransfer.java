package org.virtualwire.driver.local;

import java.util.ArrayList;
import java.util.List;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.spi.TransferResult;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * Moves a container: its namespace, NICs, addresses and sockets stay as they are; the host side of each NIC
 * moves from the source host's namespace to the destination's in one batch (the kernel keeps the device, its
 * MAC and its alias), where it is brought up; the destination's agent then joins it to its wire ends.
 */
final class ContainerTransfer {
    private final LocalNames names;

    ContainerTransfer(LocalNames names) {
        this.names = names;
    }

    TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics) throws KernelException {
        String source = names.host(from.id());
        String target = names.host(to.id());
        List<String> move = new ArrayList<>();
        List<String> up = new ArrayList<>();
        for (Endpoint e : nics) {
            move.add("link set dev " + LocalNames.nic(e) + " netns " + target);
            up.add("link set dev " + LocalNames.nic(e) + " up");
        }
        long start = System.nanoTime();
        Kernel.batch("ip", source, move);
        try {
            Kernel.batch("ip", target, up);
        } catch (KernelException e) {
            // put the NICs back so the guest keeps running at the source
            List<String> back = new ArrayList<>();
            nics.forEach(n -> back.add("link set dev " + LocalNames.nic(n) + " netns " + source));
            Kernel.batch("ip", target, back);
            Kernel.batch("ip", source, up);
            throw e;
        }
        double millis = (System.nanoTime() - start) / 1e6;
        return new TransferResult(millis, nics.size() + " NIC(s) moved from " + from.id() + " to " + to.id());
    }
}
