package org.virtualwire.driver.local;

import java.util.Collection;
import java.util.List;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.spi.linux.HostNamespace;

/**
 * Names of the kernel objects of the local cloud's hosts and underlays. Every namespace starts with one prefix, so
 * the driver can find (and sweep) exactly its own; the guests' (the Linux host runtime's) start with it too.
 *
 * @param prefix e.g. {@code vw-}
 */
record LocalNames(String prefix) {
    /** A host's link to its cloud's underlay, in the host namespace. */
    static final String UPLINK = "ul0";
    /** A gateway's link to the network between clouds, in the gateway host's namespace. */
    static final String WAN = "wan0";
    /** The underlay switch, in the underlay namespace (and the switch between clouds, in its namespace). */
    static final String UNDERLAY_BRIDGE = "ul";

    String underlay(CloudId cloud) {
        return prefix + "u-" + cloud.name();
    }

    /** The network between clouds' gateways (their public addresses). */
    String interCloud() {
        return prefix + "inter";
    }

    String host(HostId host) {
        return HostNamespace.of(prefix, host);
    }

    /**
     * @param namespaces namespaces with this prefix
     * @return those this driver makes (hosts, underlays, the network between clouds), not the runtime's guests
     */
    List<String> ours(Collection<String> namespaces) {
        return namespaces.stream().filter(ns -> ns.startsWith(prefix + "h-") || ns.startsWith(prefix + "u-")
                || ns.equals(interCloud())).toList();
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
