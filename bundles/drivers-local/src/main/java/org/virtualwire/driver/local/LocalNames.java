package org.virtualwire.driver.local;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestId;
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

    /** The underlay side of a host's uplink: unique in its cloud because the address is. */
    static String underlayPort(String address) {
        return String.format("u%08x", Ipv4Prefix.toInt(address));
    }
}
