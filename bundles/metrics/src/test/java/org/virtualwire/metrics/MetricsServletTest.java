package org.virtualwire.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.AgentPass;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationProbe;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbedMigration;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;
import org.virtualwire.testing.InMemoryWires;

/** What a scraper reads: the exposition of a real registry over the in-memory twins and hand-written services. */
class MetricsServletTest {
    private final MetricsServlet servlet = new MetricsServlet();

    private String scrape(String accept) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        servlet.writer(accept).write(out, servlet.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void perWireCountersOfBothEnds() throws IOException {
        servlet.wires = new InMemoryWires().withWire()
                .counting(new EndCounters(10, 1000, 9, 900, 1, 2), new EndCounters(9, 900, 10, 1000, 0));
        String text = scrape(null);
        assertTrue(text.contains("# TYPE virtualwire_wire_sent_packets_total counter"), text);
        assertTrue(text.contains("virtualwire_wire_sent_packets_total{end=\"a\",endpoint=\"web1/eth0\",host=\"h1\",wire=\"1\"} 10.0"), text);
        assertTrue(text.contains("virtualwire_wire_received_bytes_total{end=\"b\",endpoint=\"web2/eth0\",host=\"h2\",wire=\"1\"} 1000.0"), text);
        assertTrue(text.contains("virtualwire_wire_drops_total{end=\"a\",endpoint=\"web1/eth0\",host=\"h1\",wire=\"1\"} 1.0"), text);
        assertTrue(text.contains("virtualwire_wire_filtered_total{end=\"a\",endpoint=\"web1/eth0\",host=\"h1\",wire=\"1\"} 2.0"), text);
        assertTrue(text.contains("virtualwire_wire_up{health=\"UP\",wire=\"1\"} 1.0"), text);
        assertTrue(text.contains("virtualwire_wires 1.0"), text);
    }

    @Test
    void openMetricsWhenTheScraperAsks() throws IOException {
        servlet.wires = new InMemoryWires().withWire();
        assertTrue(servlet.writer("application/openmetrics-text; version=1.0.0; charset=utf-8").getContentType()
                .startsWith("application/openmetrics-text"));
        assertTrue(scrape("application/openmetrics-text; version=1.0.0").endsWith("# EOF\n"));
        // a Prometheus asking for protobuf first gets text, which it takes too
        assertTrue(servlet.writer("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited;q=0.9,text/plain;version=0.0.4;q=0.5").getContentType().startsWith("text/plain"));
    }

    @Test
    void gatewayCountersAndDropsByReason() throws IOException {
        servlet.wires = new InMemoryWires();
        servlet.addGateway(new Gateway(new TrafficCounters(5, 500, 4, 400, Map.of(GatewayDrop.AUTH_FAILED, 3L))));
        String text = scrape(null);
        assertTrue(text.contains("virtualwire_gateway_received_packets_total{cloud=\"west\"} 5.0"), text);
        assertTrue(text.contains("virtualwire_gateway_forwarded_bytes_total{cloud=\"west\"} 400.0"), text);
        assertTrue(text.contains("virtualwire_gateway_drops_total{cloud=\"west\",reason=\"auth-failed\"} 3.0"), text);
        assertTrue(text.contains("virtualwire_gateway_drops_total{cloud=\"west\",reason=\"replay\"} 0.0"), text);
        assertTrue(text.contains("virtualwire_gateway_wire_received_packets_total{cloud=\"west\",wire=\"7\"} 5.0"), text);
    }

    @Test
    void migrationStepsPausesAndProbeGapsAsHistograms() throws IOException {
        servlet.wires = new InMemoryWires();
        List<MigrationStep> steps = List.of(new MigrationStep("prepare", 3, ""), new MigrationStep("transfer", 40, ""));
        MigrationRecord ok = new MigrationRecord(1, GuestId.of("web1"), HostId.of("h1"), HostId.of("h2"), Instant.now(),
                steps, 120, 4, Outcome.SUCCEEDED, "");
        MigrationRecord back = new MigrationRecord(2, GuestId.of("web1"), HostId.of("h2"), HostId.of("h1"),
                Instant.now(), List.of(new MigrationStep("prepare", 2, ""), new MigrationStep("rollback", 7, "")), 9,
                -1, Outcome.ROLLED_BACK, "refused");
        ProbeResult probe = new ProbeResult(EndpointId.parse("web2/eth0"), "10.99.0.1", 1000, 997, 3, 0, 0, 7.5, 1);
        servlet.migrations = new Migrations(List.of(ok, back), List.of(new ProbedMigration(ok, probe)));
        String text = scrape(null);
        assertTrue(text.contains("virtualwire_migrations_total{outcome=\"succeeded\"} 1.0"), text);
        assertTrue(text.contains("virtualwire_migrations_total{outcome=\"rolled-back\"} 1.0"), text);
        assertTrue(text.contains("virtualwire_migrations_total{outcome=\"failed\"} 0.0"), text);
        // prepare took 3 ms and 2 ms: both in the 5 ms bucket, neither in the 1 ms one
        assertTrue(text.contains("virtualwire_migration_step_seconds_bucket{step=\"prepare\",le=\"0.001\"} 0"), text);
        assertTrue(text.contains("virtualwire_migration_step_seconds_bucket{step=\"prepare\",le=\"0.005\"} 2"), text);
        assertTrue(text.contains("virtualwire_migration_step_seconds_count{step=\"prepare\"} 2"), text);
        assertTrue(text.contains("virtualwire_migration_step_seconds_sum{step=\"transfer\"} 0.04"), text);
        assertTrue(text.contains("virtualwire_migration_pause_seconds_count 1"), text);
        assertTrue(text.contains("virtualwire_migration_seconds_count{outcome=\"rolled-back\"} 1"), text);
        assertTrue(text.contains("virtualwire_migration_probe_gap_seconds_bucket{le=\"0.005\"} 0"), text);
        assertTrue(text.contains("virtualwire_migration_probe_gap_seconds_bucket{le=\"0.01\"} 1"), text);
        assertTrue(text.contains("virtualwire_migration_probe_lost_packets_total 3.0"), text);
    }

    @Test
    void noMigrationServiceNoMigrations() throws IOException {
        servlet.wires = new InMemoryWires();
        String text = scrape(null);
        assertTrue(text.contains("virtualwire_migration_pause_seconds_count 0"), text); // unlabelled: listed, empty
        assertTrue(text.contains("virtualwire_migrations_total{outcome=\"succeeded\"} 0.0"), text);
    }

    /** The core tells each agent pass (see WireManagerPassListenerTest in core): a histogram per host and outcome. */
    @Test
    void agentPassesAsHistogramsPerHost() throws IOException {
        servlet.wires = new InMemoryWires();
        servlet.passed(new AgentPass(HostId.of("h1"), 3, 12, true));
        servlet.passed(new AgentPass(HostId.of("h1"), 4, 700, false));
        servlet.passed(new AgentPass(HostId.of("h2"), 3, 0.4, true));
        String text = scrape(null);
        assertTrue(text.contains("virtualwire_agent_pass_seconds_count{host=\"h1\",outcome=\"succeeded\"} 1"), text);
        assertTrue(text.contains("virtualwire_agent_pass_seconds_bucket{host=\"h1\",outcome=\"failed\",le=\"0.5\"} 0"), text);
        assertTrue(text.contains("virtualwire_agent_pass_seconds_bucket{host=\"h1\",outcome=\"failed\",le=\"1.0\"} 1"), text);
        assertTrue(text.contains("virtualwire_agent_pass_seconds_bucket{host=\"h2\",outcome=\"succeeded\",le=\"0.001\"} 1"), text);
    }

    private record Gateway(TrafficCounters total) implements GatewayService {
        @Override
        public CloudId cloud() {
            return CloudId.of("west");
        }

        @Override
        public long tableRevision() {
            return 1;
        }

        @Override
        public TrafficCounters counters() {
            return total;
        }

        @Override
        public Map<WireId, TrafficCounters> wireCounters() {
            return Map.of(new WireId(7), total);
        }
    }

    private record Migrations(List<MigrationRecord> history, List<ProbedMigration> probedHistory)
            implements MigrationService {
        @Override
        public MigrationRecord migrate(GuestId guest, HostId to, Map<String, String> options,
                Consumer<MigrationStep> progress) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProbedMigration migrate(GuestId guest, HostId to, Map<String, String> options, MigrationProbe probe,
                Consumer<MigrationStep> progress) {
            throw new UnsupportedOperationException();
        }
    }
}
