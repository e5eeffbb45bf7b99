package org.virtualwire.host.linux;

/**
 * The alias that marks a finished host-side device of a NIC, written last:
 * {@code vw:<endpoint>[ via=<link>][ link=<wire>@<peer ifindex>]}. {@code via} names the veth in the guest's
 * namespace that the device is paired with (a VM's TAP has none); {@code link} is there when the device's
 * frames go straight to another NIC of the same host. A device of the layout before links (a veth straight
 * into the guest) has no {@code via}, so it does not pass for a finished one and is made again.
 *
 * @param endpoint the endpoint, {@code guest/nic}, or empty when the alias is not ours
 * @param via the guest-side link, or empty
 * @param local the local link, {@code <wire>@<peer ifindex>}, or empty
 */
record NicAlias(String endpoint, String via, String local) {
    private static final String MARK = "vw:";

    static NicAlias parse(String alias) {
        if (alias == null || !alias.startsWith(MARK)) {
            return new NicAlias("", "", "");
        }
        String[] parts = alias.substring(MARK.length()).split(" ");
        String via = "";
        String local = "";
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("via=")) {
                via = parts[i].substring(4);
            } else if (parts[i].startsWith("link=")) {
                local = parts[i].substring(5);
            }
        }
        return new NicAlias(parts[0], via, local);
    }

    /** @return this alias with a local link, or without one when {@code local} is empty */
    NicAlias withLocal(String wireAtIndex) {
        return new NicAlias(endpoint, via, wireAtIndex);
    }

    @Override
    public String toString() {
        return MARK + endpoint + (via.isEmpty() ? "" : " via=" + via) + (local.isEmpty() ? "" : " link=" + local);
    }
}
