package org.virtualwire.core.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Convergence;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Health;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireService;
import org.virtualwire.api.WireView;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.TunnelProvider;

/**
 * The read side of the controller: queries of the desired state, and status from the agents' reports. It
 * changes nothing; {@link WireManager} answers {@link WireService} with it.
 */
final class WireQueries {
    private static final long POLL_MS = 5;

    private final ControllerState state;

    WireQueries(ControllerState state) {
        this.state = state;
    }

    List<Cloud> clouds() {
        return List.copyOf(state.store().current().clouds().values());
    }

    List<Host> hosts() {
        return List.copyOf(state.store().current().hosts().values());
    }

    List<Guest> guests() {
        return List.copyOf(state.store().current().guests().values());
    }

    List<Endpoint> endpoints() {
        return List.copyOf(state.store().current().endpoints().values());
    }

    List<Wire> wires() {
        return List.copyOf(state.store().current().wires().values());
    }

    Optional<Cloud> cloud(CloudId id) {
        return Optional.ofNullable(state.store().current().clouds().get(id));
    }

    Optional<Host> host(HostId id) {
        return Optional.ofNullable(state.store().current().hosts().get(id));
    }

    Optional<Guest> guest(GuestId id) {
        return Optional.ofNullable(state.store().current().guests().get(id));
    }

    Optional<Endpoint> endpoint(EndpointId id) {
        return Optional.ofNullable(state.store().current().endpoints().get(id));
    }

    Optional<Wire> wire(WireId id) {
        return Optional.ofNullable(state.store().current().wires().get(id));
    }

    Status status(HostId id) {
        host(id).orElseThrow(() -> new VirtualWireException("host", "unknown host '" + id + "'"));
        HostReport report = state.store().reports().get(id);
        return report == null ? Status.PENDING : report.host();
    }

    Status status(WireId id) {
        Topology t = state.store().current();
        Wire wire = Optional.ofNullable(t.wires().get(id))
                .orElseThrow(() -> new VirtualWireException("wire", "unknown wire " + id));
        return status(t, state.store().reports(), wire);
    }

    /** One revision for the whole listing: a wire, its ends' hosts and NICs never come from two. */
    List<WireView> wireViews() {
        Topology t = state.store().current();
        Map<HostId, HostReport> reports = state.store().reports();
        return t.wires().values().stream().map(w -> new WireView(w, hostIdOf(t, w.a()),
                w.toOutside() ? null : hostIdOf(t, w.b()),
                w.toOutside() ? mtuOf(t, w.a()) : Math.min(mtuOf(t, w.a()), mtuOf(t, w.b())), status(t, reports, w))).toList();
    }

    private static HostId hostIdOf(Topology t, EndpointId end) {
        Guest g = t.guests().get(end.guest());
        return g == null ? null : g.host();
    }

    private static int mtuOf(Topology t, EndpointId end) {
        Endpoint e = t.endpoints().get(end);
        return e == null ? 0 : e.mtu();
    }

    private static Status status(Topology t, Map<HostId, HostReport> reports, Wire wire) {
        WireId id = wire.id();
        List<Status> seen = new ArrayList<>();
        for (EndpointId end : wire.ends()) {
            HostId host = t.hostOf(end).id();
            HostReport report = reports.get(host);
            if (report == null) {
                seen.add(Status.PENDING);
            } else if (report.host().health() != Health.UP) {
                seen.add(new Status(report.host().health(), "host " + host + ": " + report.host().detail()));
            } else if (report.guests().containsKey(end.guest())) {
                // its guest could not be made (a NIC the kernel refused, a VM that would not start): the wire fails
                // with it, the host's other wires do not
                Status guest = report.guests().get(end.guest());
                seen.add(new Status(guest.health(), "guest " + end.guest() + ": " + guest.detail()));
            } else {
                seen.add(report.wires().getOrDefault(id, Status.PENDING));
            }
        }
        return seen.stream().max(Comparator.comparing(WireQueries::severity)).orElseThrow();
    }

    private static int severity(Status s) {
        return switch (s.health()) {
            case UP -> 0;
            case PENDING -> 1;
            case DEGRADED -> 2;
            case FAILED -> 3;
        };
    }

    WireCounters counters(WireId id) {
        Topology t = state.store().current();
        Wire wire = Optional.ofNullable(t.wires().get(id))
                .orElseThrow(() -> new VirtualWireException("wire", "unknown wire " + id));
        return new WireCounters(id, counters(t, wire, wire.a()),
                wire.toOutside() ? EndCounters.ZERO : counters(t, wire, wire.b()));
    }

    private EndCounters counters(Topology t, Wire wire, EndpointId end) {
        Host host = t.hostOf(end);
        Optional<CloudDriver> driver = AgentManager.driverOf(state.plugins, t, host);
        return driver.flatMap(state.plugins::runtimeOf).map(r -> r.counters(host, t.endpoints().get(end))
                .withFiltered(filtered(wire, driver.get().netns(host)))).orElse(EndCounters.ZERO);
    }

    /** What the wire's tunnel dropped on the end's host from strangers; 0 when it cannot tell. */
    private long filtered(Wire wire, String netns) {
        TunnelProvider tunnel = state.plugins.tunnel(wire.tunnel()).orElse(null);
        if (tunnel == null) {
            return 0;
        }
        try {
            return tunnel.filtered(netns, wire.id());
        } catch (Exception e) {
            return 0; // like the driver's counters: a count that cannot be read is not an error of the query
        }
    }

    Convergence convergence() {
        Topology t = state.store().current();
        Map<HostId, HostReport> reports = state.store().reports();
        int converged = (int) t.hosts().keySet().stream().filter(h -> reports.containsKey(h)
                && reports.get(h).appliedRevision() >= t.revision()).count();
        return new Convergence(converged, t.hosts().size());
    }

    boolean awaitApplied(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Topology t = state.store().current();
            Map<HostId, HostReport> reports = state.store().reports();
            boolean done = t.hosts().keySet().stream().allMatch(h -> reports.containsKey(h)
                    && reports.get(h).appliedRevision() >= t.revision());
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** @return why a host cannot be managed now; empty when it can */
    Optional<String> unreachable(Host host) {
        Topology t = state.store().current();
        if (!t.hosts().containsKey(host.id())) {
            return Optional.empty(); // added in the same batch: its agent has not seen it yet
        }
        Optional<String> missing = state.plugins.missing(t.clouds().get(host.cloud()));
        if (missing.isPresent()) {
            return missing;
        }
        HostReport report = state.store().reports().get(host.id());
        if (report != null && report.host().health() == Health.FAILED) {
            return Optional.of(report.host().detail());
        }
        return Optional.empty();
    }

    Optional<Wire> wireOf(EndpointId endpoint) {
        return new ArrayList<>(state.store().current().wires().values()).stream().filter(w -> w.touches(endpoint)).findFirst();
    }
}
