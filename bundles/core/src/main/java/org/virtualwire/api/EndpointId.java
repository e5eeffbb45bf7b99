package org.virtualwire.api;

import java.util.regex.Pattern;

/**
 * One NIC of a guest, written {@code guest/nic}, for example {@code web1/eth0}.
 *
 * @param guest the guest that owns the NIC
 * @param nic the NIC's name inside the guest
 */
public record EndpointId(GuestId guest, String nic) implements Comparable<EndpointId> {
    private static final Pattern NIC = Pattern.compile("[a-z][a-z0-9]{0,14}");

    /** Checks the NIC name. */
    public EndpointId {
        if (guest == null) {
            throw new VirtualWireException("endpoint", "an endpoint needs a guest");
        }
        if (nic == null || !NIC.matcher(nic).matches()) {
            throw new VirtualWireException("endpoint", "invalid NIC name '" + nic
                    + "': use 1 to 15 characters a-z and 0-9, starting with a letter");
        }
    }

    /**
     * @param text {@code guest/nic}
     * @return the endpoint id
     * @throws VirtualWireException if the text is not of that form
     */
    public static EndpointId parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new VirtualWireException("endpoint", "invalid endpoint '" + text + "': write guest/nic, e.g. web1/eth0");
        }
        return new EndpointId(GuestId.of(text.substring(0, slash)), text.substring(slash + 1));
    }

    @Override
    public int compareTo(EndpointId o) {
        int c = guest.compareTo(o.guest);
        return c != 0 ? c : nic.compareTo(o.nic);
    }

    @Override
    public String toString() {
        return guest + "/" + nic;
    }
}
