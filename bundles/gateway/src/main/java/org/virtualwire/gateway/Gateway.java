package org.virtualwire.gateway;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;
import org.virtualwire.gateway.crypto.PeerLink;
import org.virtualwire.gateway.crypto.StartClock;
import org.virtualwire.gateway.relay.Relay;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.table.Ipv4;
import org.virtualwire.gateway.table.TableCompiler;
import org.virtualwire.spi.gateway.GatewayPlan;

/**
 * One run of a gateway: its relay, the cryptographic links to the configured peers (made once, so sequence
 * numbers and replay windows live as long as the run), its counters, and the current plan.
 */
public final class Gateway implements GatewayService, AutoCloseable {

    private final GatewaySettings settings;
    private final GatewayCounters counters = new GatewayCounters();
    private final Map<Long, PeerLink> links = new HashMap<>();
    private final TableCompiler compiler;
    private final Relay relay;

    /** @param settings an enabled gateway's settings */
    public Gateway(GatewaySettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("no cloud configured: the gateway is disabled");
        }
        this.settings = settings;
        settings.suite().warmUp(); // the first packets must not wait for the JDK (the relay warms its buffers)
        long self = Ipv4.of(settings.relay().peerSide());
        StartClock clock = StartClock.now(settings.replaySkewMillis());
        SecureRandom random = new SecureRandom();
        for (long peer : settings.keys().peers()) {
            links.put(peer, PeerLink.create(settings.keys().keysOf(peer), self, peer, settings.suite(), clock, random));
        }
        this.compiler = new TableCompiler(settings.hostPort(), settings.plainAllowed(), links::get, counters);
        this.relay = new Relay(settings.relay(), counters);
    }

    /**
     * Binds the sockets (in the calling thread's network namespace) and starts forwarding; nothing is forwarded
     * until a plan is applied.
     *
     * @return this gateway
     */
    public Gateway start() {
        relay.start();
        return this;
    }

    /**
     * Makes {@code plan} the forwarding table, atomically.
     *
     * @param plan the desired table
     * @throws IllegalArgumentException if an address in it is not an IPv4 literal (the old table stays)
     */
    public void apply(GatewayPlan plan) {
        relay.install(compiler.compile(plan));
    }

    /** @return the relay (its bound addresses, its table) */
    public Relay relay() {
        return relay;
    }

    /** @return the settings this run was started with */
    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public CloudId cloud() {
        return settings.cloud();
    }

    @Override
    public long tableRevision() {
        return relay.table().revision();
    }

    /** Frames the kernel dropped in front of the AF_XDP sockets (rings full) count as overflow, as on a socket. */
    @Override
    public TrafficCounters counters() {
        TrafficCounters t = counters.totalSnapshot();
        long ring = relay.xdpKernelDrops();
        if (ring == 0) {
            return t;
        }
        Map<GatewayDrop, Long> drops = new EnumMap<>(t.drops());
        drops.merge(GatewayDrop.OVERFLOW, ring, Long::sum);
        return new TrafficCounters(t.receivedPackets(), t.receivedBytes(), t.forwardedPackets(), t.forwardedBytes(),
                drops);
    }

    @Override
    public String receivePath() {
        List<String> xdp = relay.xdpInterfaces();
        List<String> refused = relay.xdpRefusals();
        String path = xdp.isEmpty() ? "sockets" : "AF_XDP on " + String.join(", ", xdp);
        return refused.isEmpty() ? path : path + " (AF_XDP refused: " + String.join("; ", refused) + ")";
    }

    @Override
    public Map<WireId, TrafficCounters> wireCounters() {
        return counters.wireSnapshots();
    }

    /** Stops forwarding and closes the sockets. */
    @Override
    public void close() {
        relay.close();
    }
}
