package org.virtualwire.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.VirtualWireException;

/**
 * Provisions hosts of one kind of cloud and runs guests on them. Registered as an OSGi service; the core
 * uses it for every cloud whose {@link Cloud#driver()} equals {@link #type()}.
 */
public interface CloudDriver {
    /** @return the driver's type, e.g. {@code local} */
    String type();

    /**
     * Checks a cloud's settings before the cloud is stored.
     *
     * @param cloud a new cloud
     * @throws org.virtualwire.api.VirtualWireException naming the bad property
     */
    void validate(Cloud cloud);

    /**
     * Checks a new cloud's settings against the clouds there are: e.g. that its underlay subnet overlaps none of
     * theirs. By default only {@link #validate(Cloud)}.
     *
     * @param cloud a new cloud
     * @param others every cloud already there (of any driver)
     * @throws org.virtualwire.api.VirtualWireException naming the bad property and the cloud it clashes with
     */
    default void validate(Cloud cloud, Collection<Cloud> others) {
        validate(cloud);
    }

    /**
     * Chooses (or checks) a new host's underlay address; called before the host is stored.
     *
     * @param cloud the host's cloud
     * @param id the new host
     * @param requested the address the user asked for, or null
     * @param taken underlay addresses of the cloud's existing hosts
     * @return the host's underlay address
     * @throws org.virtualwire.api.VirtualWireException if the address is malformed, taken or outside the cloud
     */
    String allocateAddress(Cloud cloud, HostId id, String requested, Set<String> taken);

    /**
     * Checks the public address of a new gateway of one of this driver's clouds.
     *
     * @param cloud the gateway's cloud
     * @param publicAddress its address on the network between clouds
     * @throws org.virtualwire.api.VirtualWireException if this driver cannot give the gateway that address
     */
    default void validatePublicAddress(Cloud cloud, String publicAddress) {
    }

    /**
     * Checks a new guest before it is stored, e.g. that the files a VM boots from ({@link Guest#image()}) are there
     * and readable on the machine that will run it.
     *
     * @param guest a new guest on one of this driver's hosts
     * @throws org.virtualwire.api.VirtualWireException naming the field at fault, if this driver cannot run it
     */
    default void validateGuest(Guest guest) {
    }

    /**
     * Checks a new NIC before it is stored, for what only the driver knows: names its kernel objects use
     * (a switch's bridge), addresses its networks use. The generic rules (MAC, reserved kernel names, address
     * kinds) are checked before.
     *
     * @param guest the NIC's guest, on one of this driver's hosts
     * @param endpoint the new NIC
     * @throws org.virtualwire.api.VirtualWireException naming the field at fault, if this driver cannot make it
     */
    default void validateEndpoint(Guest guest, Endpoint endpoint) {
    }

    /**
     * Where a host's sockets live: a gateway's relay opens its sockets through it, so that they bind to
     * the host's addresses (the local cloud's hosts are network namespaces of this machine).
     *
     * @param host a host
     * @return runs work with the host's network as the calling thread's
     */
    default NetworkScope network(Host host) {
        return NetworkScope.CURRENT;
    }

    /**
     * Makes the host, its guests, their NICs and its local links exist as planned, changing only what
     * differs from what is there, and removes what VirtualWire made on the host that the plan lacks.
     *
     * <p>One guest the kernel (or hypervisor) refuses must not keep the others from being made: a driver
     * applies the host, then each guest on its own, and reports the guests it could not make by throwing
     * {@link GuestsFailedException} once it has applied everything else.
     *
     * @param plan the host's plan
     * @throws GuestsFailedException if the host and all other guests were applied but the ones it lists were not
     *         (they will be tried again; the host stays UP)
     * @throws Exception if the host itself could not be made as planned (it will be tried again; the host is FAILED)
     */
    void reconcile(HostPlan plan) throws Exception;

    /**
     * Checks cheaply that what {@link #reconcile} made for a plan is still there, as the kernel has it: the core
     * calls it on every agent pass whose plan was applied already, and at least every verification interval, so
     * that what was removed behind its back (a host's namespace, its link to the underlay) is noticed. When it
     * throws, the core applies the plan again, which repairs it, or reports the host FAILED.
     *
     * @param plan a plan that {@link #reconcile} applied before
     * @throws Exception naming what is missing or wrong
     */
    default void verify(HostPlan plan) throws Exception {
    }

    /**
     * Removes a host and every object it had.
     *
     * @param host a host whose guests are gone
     * @param cloud its cloud
     * @throws Exception if something could not be removed
     */
    void releaseHost(Host host, Cloud cloud) throws Exception;

    /**
     * Removes guests and hosts of this driver's clouds that exist but are not desired (left by a crash).
     *
     * @param hosts every desired host of this driver
     * @param guests every desired guest on those hosts
     * @throws Exception if something could not be removed
     */
    void sweep(Collection<Host> hosts, Set<GuestId> guests) throws Exception;

    /**
     * @param host a host
     * @return whether the host exists and can be managed now
     */
    boolean isReachable(Host host);

    /**
     * @param host a host
     * @return the network namespace of its devices, or null if they live in the current one
     */
    String netns(Host host);

    /**
     * @param endpoint an endpoint
     * @return the name of its host-side device, which tunnels join
     */
    String hostDevice(Endpoint endpoint);

    /**
     * @param host the endpoint's host
     * @param endpoint an endpoint
     * @return its counters read from the kernel
     */
    EndCounters counters(Host host, Endpoint endpoint);

    /**
     * @param cloud a cloud
     * @return the MTU of its underlay
     */
    int underlayMtu(Cloud cloud);

    /**
     * @param cloud a cloud
     * @return the MTU of the network its gateway reaches other clouds' gateways on
     */
    default int publicMtu(Cloud cloud) {
        return 1500;
    }

    /**
     * Moves a running guest from one host to another: a container's traffic is switched to the devices the
     * destination prepared (the local cloud switches its NICs' tc redirects to the destination's links), a
     * VM is live-migrated by its hypervisor into the instance the destination prepared as incoming. On
     * failure the guest must still run at the source.
     *
     * @param guest the guest
     * @param from the host it runs on
     * @param to the host prepared for it
     * @param nics its NICs
     * @param options hypervisor settings from the user, e.g. {@code downtime-limit-ms}
     * @return what it took
     * @throws Exception if the guest could not be moved (it still runs at the source)
     */
    default TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options)
            throws Exception {
        throw new VirtualWireException("guest", "cloud driver '" + type() + "' cannot migrate guest " + guest.id());
    }

    /**
     * Like {@link #transfer(Guest, Host, Host, List, Map)} for a guest that changes clouds: what the move
     * sends (a VM's memory) goes through the two clouds' gateways, sealed between them, as hosts of two
     * clouds cannot reach each other.
     *
     * @param fromGateway the source cloud's gateway
     * @param toGateway the destination cloud's gateway
     */
    default TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options,
            Host fromGateway, Host toGateway) throws Exception {
        throw new VirtualWireException("guest", "cloud driver '" + type() + "' cannot move guest " + guest.id()
                + " between clouds");
    }

    /**
     * Probes from inside a guest: sequenced packets at a fixed rate to an address, answers collected.
     *
     * @param host the guest's host
     * @param guest the sending guest
     * @param from the sending endpoint
     * @param target the address probed
     * @param duration how long to send
     * @param interval time between two packets
     * @return what was seen
     * @throws Exception if the probe could not run
     */
    default ProbeResult probe(Host host, Guest guest, EndpointId from, String target, Duration duration,
            Duration interval) throws Exception {
        throw new VirtualWireException("guest", "cloud driver '" + type() + "' cannot probe from guest " + guest.id());
    }
}
