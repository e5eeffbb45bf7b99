package org.virtualwire.spi;

import java.util.Collection;
import java.util.Set;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;

/**
 * Provisions hosts of one kind of cloud: checks the cloud's settings, gives hosts their underlay addresses, makes a
 * host exist and join its cloud's underlay, releases it, and says where its devices live. What runs on a host
 * (guests, NICs, local links, probes, migrations) is its {@link HostRuntime}'s, of the kind {@link #runtime()}
 * names. Registered as an OSGi service; the core uses it for every cloud whose {@link Cloud#driver()} equals
 * {@link #type()}.
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
     * Checks a new NIC's address against what this cloud keeps for itself (e.g. the range of its underlays).
     * The generic rules (MAC, reserved kernel names, address kinds) are checked before, and the host runtime's
     * ({@link HostRuntime#validateEndpoint}) too.
     *
     * @param guest the NIC's guest, on one of this driver's hosts
     * @param endpoint the new NIC
     * @throws org.virtualwire.api.VirtualWireException naming the field at fault, if this cloud cannot give it
     */
    default void validateEndpoint(Guest guest, Endpoint endpoint) {
    }

    /**
     * Makes a host exist and join its cloud's underlay, changing only what differs; what runs on it (guests,
     * NICs, local links) is then made by its {@link HostRuntime}.
     *
     * @param host the host
     * @param cloud its cloud
     * @throws Exception if the host could not be made as planned (it will be tried again; the host is FAILED)
     */
    void ensureHost(Host host, Cloud cloud) throws Exception;

    /**
     * Checks cheaply that what {@link #ensureHost} made is still there, as the kernel has it: the core calls it
     * on every agent pass whose plan was applied already, and at least every verification interval, so that what
     * was removed behind its back (a host's namespace, its link to the underlay) is noticed. When it throws, the
     * core applies the plan again, which repairs it, or reports the host FAILED.
     *
     * @param host a host that {@link #ensureHost} made before
     * @param cloud its cloud
     * @throws Exception naming what is missing or wrong
     */
    default void verifyHost(Host host, Cloud cloud) throws Exception {
    }

    /**
     * Removes a host and every object it had.
     *
     * @param host a host whose guests are gone (its runtime removed them, see {@link HostRuntime#removeGuests})
     * @param cloud its cloud
     * @throws Exception if something could not be removed
     */
    void releaseHost(Host host, Cloud cloud) throws Exception;

    /**
     * Removes hosts (and underlays) of this driver's clouds that exist but are not desired (left by a crash). The
     * core sweeps the host runtimes first ({@link HostRuntime#sweep}), so their guests are gone.
     *
     * @param hosts every desired host of this driver
     * @throws Exception if something could not be removed
     */
    void sweep(Collection<Host> hosts) throws Exception;

    /**
     * @param host a host
     * @return the network namespace of its devices, or null if they live in the current one; the Linux host
     *         runtime finds the same namespace by the same rule ({@link org.virtualwire.spi.linux.HostNamespace})
     */
    String netns(Host host);

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
     * @return the kind of {@link HostRuntime} this driver's hosts run, {@link HostRuntime#LINUX} by default
     */
    default String runtime() {
        return HostRuntime.LINUX;
    }
}
