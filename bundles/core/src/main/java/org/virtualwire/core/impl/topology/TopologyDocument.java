package org.virtualwire.core.impl.topology;

import java.util.List;
import java.util.Map;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VmImage;

/**
 * A parsed topology document: the whole desired state, each item with its place in the file.
 * A null attribute means "not given": the service chooses it and it is never compared (MAC, MTU, host
 * address, cloud properties), except a NIC's {@code ip}, where not given means no address.
 *
 * @param clouds clouds in document order
 * @param hosts hosts in document order
 * @param guests guests in document order, each with its NICs
 * @param wires wires in document order
 */
record TopologyDocument(List<CloudItem> clouds, List<HostItem> hosts, List<GuestItem> guests, List<WireItem> wires) {

    /**
     * @param id name
     * @param driver driver type
     * @param properties driver settings, or null when not given
     * @param at its place
     */
    record CloudItem(CloudId id, String driver, Map<String, String> properties, FieldReader at) {
    }

    /**
     * @param id name
     * @param cloud its cloud ({@code local} when not given)
     * @param address its underlay address, or null to let the driver choose
     * @param publicAddress for its cloud's gateway, its address between clouds; null for a host
     * @param at its place
     */
    record HostItem(HostId id, CloudId cloud, String address, String publicAddress, FieldReader at) {
    }

    /**
     * @param id name
     * @param kind container, switch, router or vm
     * @param host where it runs
     * @param image a VM's own kernel, initrd and disk, or null for the project's image
     * @param routes its static routes, empty for none
     * @param nics its NICs in document order
     * @param at its place
     */
    record GuestItem(GuestId id, GuestKind kind, HostId host, VmImage image, List<org.virtualwire.api.Route> routes,
            List<NicItem> nics, FieldReader at) {
    }

    /**
     * @param id {@code guest/nic}
     * @param mac its MAC, or null to let the service choose
     * @param ip its address, or null for none
     * @param mtu its MTU, or null for the default
     * @param gateway its guest's default route's next hop, or null for none
     * @param at its place
     */
    record NicItem(EndpointId id, MacAddress mac, Ipv4Prefix ip, Integer mtu, String gateway, FieldReader at) {
    }

    /**
     * @param a one end
     * @param b the other end, or null for a wire to an outside VTEP
     * @param outside the outside VTEP at the far end, or null
     * @param at its place
     * @param aAt where end a is written
     * @param bAt where end b is written
     */
    record WireItem(EndpointId a, EndpointId b, org.virtualwire.api.OutsideVtep outside, DocumentLocation at,
            DocumentLocation aAt, DocumentLocation bAt) {
        /** @return the unordered pair of ends, which identifies the wire */
        WirePair pair() {
            return outside != null ? WirePair.outside(a, outside) : WirePair.of(a, b);
        }

        /** @return the far end as written */
        String farEnd() {
            return outside != null ? outside.toString() : b.toString();
        }
    }
}
