package org.virtualwire.core.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
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
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.TunnelProvider;
import org.virtualwire.spi.WireStore;

/** The read side of the controller: queries of the desired state, and status from the agents' reports. */
abstract class WireQueries implements WireService {
    private static final long POLL_MS = 5;

    protected final Plugins plugins;
    protected WireStore store;
    protected AgentManager agents;

    WireQueries(Plugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public List<Cloud> clouds() {
        return List.copyOf(store.current().clouds().values());
    }

    @Override
    public List<Host> hosts() {
        return List.copyOf(store.current().hosts().values());
    }

    @Override
    public List<Guest> guests() {
        return List.copyOf(store.current().guests().values());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.copyOf(store.current().endpoints().values());
    }

    @Override
    public List<Wire> wires() {
        return List.copyOf(store.current().wires().values());
    }

    @Override
    public Optional<Cloud> cloud(CloudId id) {
        return Optional.ofNullable(store.current().clouds().get(id));
    }

    @Override
    public Optional<Host> host(HostId id) {
        return Optional.ofNullable(store.current().hosts().get(id));
    }

    @Override
    public Optional<Guest> guest(GuestId id) {
        return Optional.ofNullable(store.current().guests().get(id));
    }

    @Override
    public Optional<Endpoint> endpoint(EndpointId id) {
        return Optional.ofNullable(store.current().endpoints().get(id));
    }

    @Override
    public Optional<Wire> wire(WireId id) {
        return Optional.ofNullable(store.current().wires().get(id));
    }

    @Override
    public Status status(HostId id) {
        host(id).orElseThrow(() -> new VirtualWireException("host", "unknown host '" + id + "'"));
        HostReport report = store.reports().get(id);
        return report == null ? Status.PENDING : report.host();
    }

    @Override
    public Status status(WireId id) {
        Topology t = store.current();
        Wire wire = Optional.ofNullable(t.wires().get(id))
                .orElseThrow(() -> new VirtualWireException("wire", "unknown wire " + id));
        Map<HostId, HostReport> reports = store.reports();
        List<Status> seen = new ArrayList<>();
        for (EndpointId end : List.of(wire.a(), wire.b())) {
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

    @Override
    public WireCounters counters(WireId id) {
        Topology t = store.current();
        Wire wire = Optional.ofNullable(t.wires().get(id))
                .orElseThrow(() -> new VirtualWireException("wire", "unknown wire " + id));
        return new WireCounters(id, counters(t, wire, wire.a()), counters(t, wire, wire.b()));
    }

    private EndCounters counters(Topology t, Wire wire, EndpointId end) {
        Host host = t.hostOf(end);
        return agents.runtimeOf(t, host).map(r -> r.counters(host, t.endpoints().get(end))
                .withFiltered(filtered(wire, agents.driverOf(t, host).orElseThrow().netns(host))))
                .orElse(EndCounters.ZERO);
    }

    /** What the wire's tunnel dropped on the end's host from strangers; 0 when it cannot tell. */
    private long filtered(Wire wire, String netns) {
        TunnelProvider tunnel = plugins.tunnel(wire.tunnel()).orElse(null);
        if (tunnel == null) {
            return 0;
        }
        try {
            return tunnel.filtered(netns, wire.id());
        } catch (Exception e) {
            return 0; // like the driver's counters: a count that cannot be read is not an error of the query
        }
    }

    @Override
    public boolean awaitApplied(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Topology t = store.current();
            Map<HostId, HostReport> reports = store.reports();
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

    /** @return why a host cannot be managed now, or null */
    String unreachable(Host host) {
        Topology t = store.current();
        if (!t.hosts().containsKey(host.id())) {
            return null; // added in the same batch: its agent has not seen it yet
        }
        Cloud cloud = t.clouds().get(host.cloud());
        if (plugins.driver(cloud.driver()).isEmpty()) {
            return "cloud driver '" + cloud.driver() + "' is not installed";
        }
        CloudDriver driver = plugins.driver(cloud.driver()).get();
        if (plugins.runtimeOf(driver).isEmpty()) {
            return "host runtime '" + driver.runtime() + "' of cloud driver '" + cloud.driver() + "' is not installed";
        }
        HostReport report = store.reports().get(host.id());
        if (report != null && report.host().health() == Health.FAILED) {
            return report.host().detail();
        }
        return null;
    }
}
