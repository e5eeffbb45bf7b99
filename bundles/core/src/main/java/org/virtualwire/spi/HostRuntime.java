package org.virtualwire.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.VirtualWireException;

/**
 * What runs on a host once its {@link CloudDriver} made it: guests, their NICs and the host's local links, their
 * counters, probes and migrations. Hosts of different clouds (namespaces of this machine, cloud instances) run
 * the same runtime; only how a host comes to exist differs. Registered as an OSGi service; the core uses it for
 * every host whose driver's {@link CloudDriver#runtime()} equals {@link #kind()}.
 */
public interface HostRuntime {
    /** The kind of the Linux host runtime (namespaces, veths, tc, QEMU), every driver's by default. */
    String LINUX = "linux";

    /** @return the runtime's kind, e.g. {@value #LINUX} */
    String kind();

    /**
     * Checks a new guest before it is stored, e.g. that the files a VM boots from ({@link Guest#image()}) are there
     * and readable on the machine that will run it.
     *
     * @param guest a new guest on one of this runtime's hosts
     * @throws org.virtualwire.api.VirtualWireException naming the field at fault, if this runtime cannot run it
     */
    default void validateGuest(Guest guest) {
    }

    /**
     * Checks a new NIC before it is stored, for what only the runtime knows: names its kernel objects use
     * (a switch's bridge). The generic rules (MAC, reserved kernel names, address kinds) are checked before.
     *
     * @param guest the NIC's guest, on one of this runtime's hosts
     * @param endpoint the new NIC
     * @throws org.virtualwire.api.VirtualWireException naming the field at fault, if this runtime cannot make it
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
     * Makes the host's guests, their NICs and its local links exist as planned (the host itself was made by its
     * driver, {@link CloudDriver#ensureHost}), changing only what differs from what is there, and removes what
     * VirtualWire made on the host that the plan lacks.
     *
     * <p>One guest the kernel (or hypervisor) refuses must not keep the others from being made: a runtime
     * applies each guest on its own, and reports the guests it could not make by throwing
     * {@link GuestsFailedException} once it has applied everything else.
     *
     * @param plan the host's plan
     * @throws GuestsFailedException if all other guests were applied but the ones it lists were not
     *         (they will be tried again; the host stays UP)
     * @throws Exception if the host's part could not be made as planned (it will be tried again; the host is FAILED)
     */
    void reconcile(HostPlan plan) throws Exception;

    /**
     * Checks cheaply that what {@link #reconcile} made for a plan is still there, as the kernel has it (see
     * {@link CloudDriver#verifyHost}, which the core calls before). When it throws, the core applies the plan
     * again, which repairs it, or reports the host FAILED.
     *
     * @param plan a plan that {@link #reconcile} applied before
     * @throws Exception naming what is missing or wrong
     */
    default void verify(HostPlan plan) throws Exception {
    }

    /**
     * Removes what runs on a host that goes (its VMs), before its driver releases it.
     *
     * @param host a host whose guests are gone from the desired state
     * @throws Exception if something could not be removed
     */
    void removeGuests(Host host) throws Exception;

    /**
     * Removes guests of this runtime's hosts that exist but are not desired (left by a crash). The core calls it
     * before the drivers' {@link CloudDriver#sweep}.
     *
     * @param hosts every desired host that runs this runtime
     * @param guests every desired guest
     * @throws Exception if something could not be removed
     */
    void sweep(Collection<Host> hosts, Set<GuestId> guests) throws Exception;

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
     * Moves a running guest from one host to another: a container's traffic is switched to the devices the
     * destination prepared (the Linux runtime switches its NICs' tc redirects to the destination's links), a
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
        throw new VirtualWireException("guest", "host runtime '" + kind() + "' cannot migrate guest " + guest.id());
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
        throw new VirtualWireException("guest", "host runtime '" + kind() + "' cannot move guest " + guest.id()
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
        throw new VirtualWireException("guest", "host runtime '" + kind() + "' cannot probe from guest " + guest.id());
    }
}
