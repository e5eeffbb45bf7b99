package org.virtualwire.host.linux;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.spi.linux.Link;

/**
 * A NIC that should have its host-side device on one host: a TAP for a VM; for any other guest a veth whose
 * peer, the link, lives in the guest's namespace.
 *
 * @param endpoint the NIC
 * @param guest its guest
 * @param incoming whether the guest is arriving by migration: its link is made, but drops until the transfer
 * @param link the guest-side link on this host, or null for a VM
 */
record PlannedNic(Endpoint endpoint, Guest guest, boolean incoming, String link) {
    static PlannedNic of(Endpoint e, Guest g, boolean incoming, Host host) {
        return new PlannedNic(e, g, incoming, g.kind() == GuestKind.VM ? null : LinuxNames.link(e, host));
    }

    /** @return the host-side device */
    String device() {
        return LinuxNames.nic(endpoint);
    }

    boolean vm() {
        return link == null;
    }

    /** @return the alias of the finished device, without a local link */
    NicAlias alias() {
        return new NicAlias(endpoint.id().toString(), vm() ? "" : link, "");
    }

    /** @return whether a device found on the host is this NIC's, finished */
    boolean madeBy(Link l) {
        NicAlias found = NicAlias.parse(l.alias());
        NicAlias mine = alias();
        return l.kind().equals(vm() ? "tun" : "veth") && found.endpoint().equals(mine.endpoint())
                && found.via().equals(mine.via());
    }
}
