package org.virtualwire.metrics;

import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.virtualwire.api.EndCounters;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireService;
import org.virtualwire.api.WireView;

/**
 * Per-wire traffic, read from the kernel at each scrape through {@link WireService#counters}: packets and bytes each
 * way, drops and filtered frames, at each end (labels {@code wire} = the VNI, {@code end} = a or b, {@code endpoint},
 * {@code host}); the wire's status and MTU as gauges. An end's counters restart at zero when its wire end is made
 * again (the guest migrated): Prometheus' {@code rate()} takes such resets.
 */
final class WireMetrics implements MultiCollector {
    static final String PREFIX = "virtualwire_wire_";
    private final Supplier<WireService> wires;

    /** @param wires the controller's queries, or null while it is gone (then nothing is reported) */
    WireMetrics(Supplier<WireService> wires) {
        this.wires = wires;
    }

    @Override
    public MetricSnapshots collect() {
        Families f = new Families();
        WireService service = wires.get();
        if (service == null) {
            return f.build();
        }
        int count = 0;
        for (WireView view : service.wireViews()) {
            String wire = String.valueOf(view.wire().id().vni());
            WireCounters counters;
            try {
                counters = service.counters(view.wire().id());
            } catch (VirtualWireException e) {
                continue; // disconnected since the listing
            }
            count++;
            end(f, wire, "a", view.wire().a(), view.hostA(), counters.a());
            // a wire to an outside VTEP has one endpoint of ours: its far end's counters are those of nothing we run
            if (!view.wire().toOutside()) {
                end(f, wire, "b", view.wire().b(), view.hostB(), counters.b());
            }
            f.gauge(PREFIX + "up", "1 when both hosts' agents report the wire UP, else 0 (label health)",
                    view.status().health() == Health.UP ? 1 : 0, "wire", wire, "health", view.status().health().name());
            f.gauge(PREFIX + "mtu_bytes", "The MTU the wire carries end to end", view.mtu(), "wire", wire);
        }
        f.gauge("virtualwire_wires", "Wires in the desired state", count);
        return f.build();
    }

    private static void end(Families f, String wire, String end, EndpointId endpoint, HostId host, EndCounters c) {
        String[] labels = {"wire", wire, "end", end, "endpoint", endpoint.toString(), "host",
            host == null ? "" : host.toString()};
        f.counter(PREFIX + "sent_packets", "Frames the endpoint sent into the wire", c.sentPackets(), labels);
        f.counter(PREFIX + "sent_bytes", "Bytes of the frames the endpoint sent into the wire", c.sentBytes(), labels);
        f.counter(PREFIX + "received_packets", "Frames the wire delivered to the endpoint", c.receivedPackets(), labels);
        f.counter(PREFIX + "received_bytes", "Bytes of the frames the wire delivered to the endpoint",
                c.receivedBytes(), labels);
        f.counter(PREFIX + "drops", "Frames dropped at this end, both ways", c.drops(), labels);
        f.counter(PREFIX + "filtered", "Frames of this wire from an underlay address that is not its far end, dropped",
                c.filtered(), labels);
    }
}
