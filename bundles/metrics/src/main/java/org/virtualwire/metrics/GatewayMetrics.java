package org.virtualwire.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

/**
 * The cross-cloud gateways running in this JVM ({@link GatewayService}, label {@code cloud}): what they accepted and
 * forwarded, drops by reason ({@code reason} as the console shows it, e.g. {@code auth-failed}; every reason
 * present, zero or not), and the same per wire ({@code wire} = VNI).
 */
final class GatewayMetrics implements MultiCollector {
    static final String PREFIX = "virtualwire_gateway_";
    private final Supplier<Collection<GatewayService>> gateways;

    GatewayMetrics(Supplier<Collection<GatewayService>> gateways) {
        this.gateways = gateways;
    }

    @Override
    public MetricSnapshots collect() {
        Families f = new Families();
        for (GatewayService g : gateways.get()) {
            String cloud = g.cloud().toString();
            traffic(f, PREFIX, g.counters(), "cloud", cloud);
            for (GatewayDrop reason : GatewayDrop.values()) {
                f.counter(PREFIX + "drops", "Packets the gateway threw away, by reason", g.counters().dropped(reason),
                        "cloud", cloud, "reason", reason.label());
            }
            for (Map.Entry<WireId, TrafficCounters> e : g.wireCounters().entrySet()) {
                TrafficCounters c = e.getValue();
                String wire = String.valueOf(e.getKey().vni());
                traffic(f, PREFIX + "wire_", c, "cloud", cloud, "wire", wire);
                f.counter(PREFIX + "wire_drops", "Packets of this wire the gateway threw away (any reason)",
                        c.droppedTotal(), "cloud", cloud, "wire", wire);
            }
        }
        return f.build();
    }

    private static void traffic(Families f, String prefix, TrafficCounters c, String... labels) {
        f.counter(prefix + "received_packets", "Packets accepted (sender known, wire allowed, authenticated)",
                c.receivedPackets(), labels);
        f.counter(prefix + "received_bytes", "UDP payload bytes of the packets accepted", c.receivedBytes(), labels);
        f.counter(prefix + "forwarded_packets", "Packets sent on, one per destination", c.forwardedPackets(), labels);
        f.counter(prefix + "forwarded_bytes", "UDP payload bytes of the packets sent on", c.forwardedBytes(), labels);
    }
}
