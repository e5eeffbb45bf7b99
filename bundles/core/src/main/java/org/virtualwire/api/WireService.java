package org.virtualwire.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Queries of the desired state and of what the agents report, and listeners to its changes.
 */
public interface WireService {
    /** @return every cloud, by name */
    List<Cloud> clouds();

    /** @return every host, by name */
    List<Host> hosts();

    /** @return every guest, by name */
    List<Guest> guests();

    /** @return every endpoint, by id */
    List<Endpoint> endpoints();

    /** @return every wire, by id */
    List<Wire> wires();

    /**
     * Every wire with its hosts, MTU and status, as a listing shows it. The controller reads them from one
     * revision of the desired state; this default, for services without revisions, reads them one by one.
     *
     * @return every wire, by id
     */
    default List<WireView> wireViews() {
        return wires().stream().map(w -> new WireView(w, guest(w.a().guest()).map(Guest::host).orElse(null),
                w.b() == null ? null : guest(w.b().guest()).map(Guest::host).orElse(null),
                w.b() == null ? endpoint(w.a()).map(Endpoint::mtu).orElse(0)
                        : Math.min(endpoint(w.a()).map(Endpoint::mtu).orElse(0), endpoint(w.b()).map(Endpoint::mtu).orElse(0)),
                status(w.id()))).toList();
    }

    /**
     * @param id a cloud
     * @return it, if it exists
     */
    Optional<Cloud> cloud(CloudId id);

    /**
     * @param id a host
     * @return it, if it exists
     */
    Optional<Host> host(HostId id);

    /**
     * @param id a guest
     * @return it, if it exists
     */
    Optional<Guest> guest(GuestId id);

    /**
     * @param id an endpoint
     * @return it, if it exists
     */
    Optional<Endpoint> endpoint(EndpointId id);

    /**
     * @param id a wire
     * @return it, if it exists
     */
    Optional<Wire> wire(WireId id);

    /**
     * @param endpoint an endpoint
     * @return the wire plugged into it, if any
     */
    Optional<Wire> wireOf(EndpointId endpoint);

    /**
     * @param host a host
     * @return how its agent reports it (DEGRADED when its cloud's driver is not installed)
     * @throws VirtualWireException if the host is unknown
     */
    Status status(HostId host);

    /**
     * @param wire a wire
     * @return how the agents of its two hosts report it (DEGRADED when its tunnel protocol is not installed)
     * @throws VirtualWireException if the wire is unknown
     */
    Status status(WireId wire);

    /**
     * @param wire a wire
     * @return its kernel counters, both ends
     * @throws VirtualWireException if the wire is unknown
     */
    WireCounters counters(WireId wire);

    /**
     * Waits until every reachable host's agent has applied the desired state as it is now.
     *
     * @param timeout how long to wait at most
     * @return true if applied everywhere in time
     */
    boolean awaitApplied(Duration timeout);

    /**
     * How many hosts' agents have applied the desired state as it is now: the progress of what
     * {@link #awaitApplied(Duration)} waits for. This default, for services without per-host reports, counts every
     * host or none.
     *
     * @return hosts converged, out of all hosts
     */
    default Convergence convergence() {
        int hosts = hosts().size();
        return new Convergence(awaitApplied(Duration.ZERO) ? hosts : 0, hosts);
    }

    /**
     * @param listener told of every change of the desired state
     */
    void addListener(WireListener listener);

    /**
     * @param listener a listener added before
     */
    void removeListener(WireListener listener);
}
