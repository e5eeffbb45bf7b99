package org.virtualwire.host.linux;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.spi.linux.HostNamespace;

/**
 * Names of the kernel objects the Linux host runtime makes: guest namespaces, the veths and TAPs of NICs. Every
 * namespace starts with one prefix, so the runtime can find (and sweep) exactly its own guests; a host's namespace
 * (made by its driver) is named by the rule they share, {@link HostNamespace}.
 *
 * @param prefix e.g. {@code vw-}
 */
public record LinuxNames(String prefix) {
    /** Host-side veth of a NIC, in the host namespace. */
    static final String NIC_PREFIX = "ve";
    /** A NIC's port (the peer of the guest's NIC, in the guest namespace); a guest's own NIC names have no dot. */
    static final String PORT_PREFIX = "p.";
    /** A switch guest's bridge. */
    public static final String SWITCH_BRIDGE = "br0";

    /** @return the namespace of a host's devices, made by its driver */
    public String host(HostId host) {
        return HostNamespace.of(prefix, host);
    }

    /** @return what every guest namespace's name starts with */
    String guestPrefix() {
        return prefix + "g-";
    }

    public String guest(GuestId guest) {
        return guestPrefix() + guest.name();
    }

    public static String nic(Endpoint e) {
        return NIC_PREFIX + e.slot();
    }

    /** @return the slot of a host-side device named by {@link #nic}, or -1 for another name */
    static int slotOf(String device) {
        if (!device.startsWith(NIC_PREFIX) || device.length() == NIC_PREFIX.length()) {
            return -1;
        }
        try {
            return Integer.parseInt(device.substring(NIC_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The NIC's port: the guest's NIC's veth peer, which never leaves the guest's namespace. */
    public static String port(int slot) {
        return PORT_PREFIX + slot;
    }

    public static String port(Endpoint e) {
        return port(e.slot());
    }

    /**
     * The guest-namespace end of the veth pair that links a NIC's port to its host-side device on one host:
     * {@code l<slot>.<host address>}, both in base 36 (at most 1 + 6 + 1 + 7 = 15 characters). A guest has one
     * per host it is present on; the host's underlay address tells them apart without a hash that could
     * collide (addresses are unique in a cloud, and guests migrate within their cloud).
     */
    public static String link(int slot, Host host) {
        return linkPrefix(slot) + Long.toString(Integer.toUnsignedLong(Ipv4Prefix.toInt(host.underlayAddress())), 36);
    }

    public static String link(Endpoint e, Host host) {
        return link(e.slot(), host);
    }

    /** @return what the names of every link of a NIC start with */
    public static String linkPrefix(int slot) {
        return "l" + Integer.toString(slot, 36) + ".";
    }
}
