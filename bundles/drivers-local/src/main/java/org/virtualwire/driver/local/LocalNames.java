package org.virtualwire.driver.local;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;

/**
 * Names of the kernel objects of the local cloud. Every namespace starts with one prefix, so the driver
 * can find (and sweep) exactly its own.
 *
 * @param prefix e.g. {@code vw-}
 */
record LocalNames(String prefix) {
    /** Host-side veth of a NIC, in the host namespace. */
    static final String NIC_PREFIX = "ve";
    /** A NIC's port (the peer of the guest's NIC, in the guest namespace); a guest's own NIC names have no dot. */
    static final String PORT_PREFIX = "p.";
    /** A host's link to its cloud's underlay, in the host namespace. */
    static final String UPLINK = "ul0";
    /** A gateway's link to the network between clouds, in the gateway host's namespace. */
    static final String WAN = "wan0";
    /** The underlay switch, in the underlay namespace (and the switch between clouds, in its namespace). */
    static final String UNDERLAY_BRIDGE = "ul";
    /** A switch guest's bridge. */
    static final String SWITCH_BRIDGE = "br0";

    String underlay(CloudId cloud) {
        return prefix + "u-" + cloud.name();
    }

    /** The network between clouds' gateways (their public addresses). */
    String interCloud() {
        return prefix + "inter";
    }

    String host(HostId host) {
        return prefix + "h-" + host.name();
    }

    String guest(GuestId guest) {
        return prefix + "g-" + guest.name();
    }

    static String nic(Endpoint e) {
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
    static String port(int slot) {
        return PORT_PREFIX + slot;
    }

    static String port(Endpoint e) {
        return port(e.slot());
    }

    /**
     * The guest-namespace end of the veth pair that links a NIC's port to its host-side device on one host:
     * {@code l<slot>.<host address>}, both in base 36 (at most 1 + 6 + 1 + 7 = 15 characters). A guest has one
     * per host it is present on; the host's underlay address tells them apart without a hash that could
     * collide (addresses are unique in a cloud, and guests migrate within their cloud).
     */
    static String link(int slot, Host host) {
        return linkPrefix(slot) + Long.toString(Integer.toUnsignedLong(Ipv4Prefix.toInt(host.underlayAddress())), 36);
    }

    static String link(Endpoint e, Host host) {
        return link(e.slot(), host);
    }

    /** @return what the names of every link of a NIC start with */
    static String linkPrefix(int slot) {
        return "l" + Integer.toString(slot, 36) + ".";
    }

    /** The underlay side of a host's uplink: unique in its cloud because the address is. */
    static String underlayPort(String address) {
        return String.format("u%08x", Ipv4Prefix.toInt(address));
    }

    /**
     * The MAC of a host's uplink, from its address (locally administered: {@code 02:76:} and the address's
     * four bytes): a host made again with the same address answers at the same MAC, so the other hosts' ARP
     * caches stay right. With a new random MAC they kept sending to the old one for seconds, until their
     * entries were probed and failed: frames to a guest that had just migrated there were lost.
     */
    static String uplinkMac(String address) {
        int a = Ipv4Prefix.toInt(address);
        return String.format("02:76:%02x:%02x:%02x:%02x", a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff);
    }
}
