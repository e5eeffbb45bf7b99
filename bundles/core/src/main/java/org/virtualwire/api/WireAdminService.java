package org.virtualwire.api;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Changes to the desired state. Each method validates its request and either stores the whole change or
 * throws a {@link VirtualWireException} that names the problem and changes nothing.
 */
public interface WireAdminService {
    /**
     * @param id new cloud's name
     * @param driver the driver type that serves it, e.g. {@code local}
     * @param properties driver settings
     * @return the cloud
     */
    Cloud addCloud(CloudId id, String driver, Map<String, String> properties);

    /**
     * @param id a cloud without hosts
     */
    void removeCloud(CloudId id);

    /**
     * Provisions a host through its cloud's driver.
     *
     * @param id new host's name
     * @param cloud its cloud
     * @param underlayAddress its underlay address, or null to let the driver choose
     * @return the host
     */
    default Host addHost(HostId id, CloudId cloud, String underlayAddress) {
        return addHost(id, cloud, underlayAddress, null);
    }

    /**
     * Provisions a host, or with a public address its cloud's gateway: one per cloud, it runs no guests and
     * relays the wires between its cloud's hosts and other clouds' gateways.
     *
     * @param id new host's name
     * @param cloud its cloud
     * @param underlayAddress its underlay address, or null to let the driver choose
     * @param publicAddress for a gateway, its address on the network between clouds; null for a host
     * @return the host
     */
    Host addHost(HostId id, CloudId cloud, String underlayAddress, String publicAddress);

    /**
     * @param id a host without guests; its kernel objects are removed
     */
    void removeHost(HostId id);

    /**
     * @param id new guest's name
     * @param kind its kind
     * @param host where it runs
     * @return the guest
     */
    default Guest addGuest(GuestId id, GuestKind kind, HostId host) {
        return addGuest(id, kind, host, null);
    }

    /**
     * Adds a guest; a VM may boot the user's own kernel, initrd and disk instead of the project's image.
     *
     * @param id new guest's name
     * @param kind its kind
     * @param host where it runs
     * @param image for a VM, its own kernel, initrd and disk (absolute paths on the machine that runs it, checked
     *        by the host's cloud driver); null for the project's image. Only a VM takes one.
     * @return the guest
     */
    Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image);

    /**
     * Adds a guest with static routes (a container or router; {@code routes} empty for none). Each route's next hop
     * must lie in the subnet of one of the guest's NICs by the end of the request (its NICs are added after it,
     * e.g. in the same {@link #batch}).
     *
     * @param id new guest's name
     * @param kind its kind
     * @param host where it runs
     * @param image for a VM, its own image; null otherwise
     * @param routes its routes, prefix via next hop
     * @return the guest
     */
    default Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image, java.util.List<Route> routes) {
        if (routes != null && !routes.isEmpty()) {
            throw new VirtualWireException("routes", "this service cannot give guests routes");
        }
        return addGuest(id, kind, host, image);
    }

    /**
     * Removes a guest with its endpoints; wires plugged into them must be disconnected first.
     *
     * @param id the guest
     */
    void removeGuest(GuestId id);

    /**
     * @param id new endpoint {@code guest/nic}
     * @param mac its MAC, or null to generate one
     * @param address its IPv4 prefix, or null
     * @param mtu its MTU, or null for the default (underlay MTU less the tunnel overhead)
     * @return the endpoint
     */
    Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu);

    /**
     * Adds a NIC that carries its guest's default route ({@code gateway}, a next hop in the NIC's subnet; one NIC
     * per guest at most; containers and routers only).
     *
     * @param id new endpoint {@code guest/nic}
     * @param mac its MAC, or null to generate one
     * @param address its IPv4 prefix, or null (a gateway needs one)
     * @param mtu its MTU, or null for the default
     * @param gateway the default route's next hop, or null for none
     * @return the endpoint
     */
    default Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu, String gateway) {
        if (gateway != null) {
            throw new VirtualWireException("gateway", "this service cannot give NICs a gateway");
        }
        return addEndpoint(id, mac, address, mtu);
    }

    /**
     * @param id an endpoint without a wire
     */
    void removeEndpoint(EndpointId id);

    /**
     * Connects two endpoints with a new wire over the default tunnel protocol.
     *
     * @param a one endpoint
     * @param b another endpoint, on any host
     * @return the wire, with a VNI that no other live wire has
     */
    Wire connect(EndpointId a, EndpointId b);

    /**
     * Connects an endpoint to a VXLAN tunnel endpoint that VirtualWire does not manage. The wire's id is the
     * outside VTEP's VNI, which must lie outside the VNIs the appliance hands out ({@code vni.min}..{@code vni.max}).
     * The controller gives the near end a fixed underlay address (the VTEP's {@link OutsideVtep#anchor()}): the
     * outside VTEP sends there, wherever the guest runs. Only frames from the VTEP's address with that VNI reach
     * the guest.
     *
     * @param a an unwired endpoint
     * @param far the outside VTEP ({@link OutsideVtep#parse}); its anchor is chosen by the controller
     * @return the wire, with the anchor it got
     */
    default Wire connect(EndpointId a, OutsideVtep far) {
        throw new VirtualWireException("endpoint", "this service cannot wire to outside VTEPs");
    }

    /**
     * @param wire a wire; its VNI becomes free
     */
    void disconnect(WireId wire);

    /**
     * Makes several changes as one: all are stored together, or (if any is refused) none.
     *
     * @param changes calls on the given service, all stored together
     */
    void batch(Consumer<WireAdminService> changes);
}
