package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

class GatewayCountersCommandTest {

    private static final GatewayService GATEWAY = new GatewayService() {
        @Override
        public CloudId cloud() {
            return CloudId.of("east");
        }

        @Override
        public long tableRevision() {
            return 12;
        }

        @Override
        public TrafficCounters counters() {
            return new TrafficCounters(10, 1000, 9, 950, Map.of(GatewayDrop.REPLAY, 1L, GatewayDrop.UNKNOWN_SENDER, 3L));
        }

        @Override
        public Map<WireId, TrafficCounters> wireCounters() {
            return Map.of(new WireId(42), new TrafficCounters(10, 1000, 9, 950, Map.of(GatewayDrop.OVERFLOW, 1L)));
        }
    };

    @Test
    void tableShowsTotalAndEachWireWithDropsByReason() throws Exception {
        GatewayCountersCommand c = new GatewayCountersCommand();
        c.gateway = GATEWAY;
        String out = Console.run(c, new FakeWires());
        assertTrue(out.startsWith("Gateway of cloud east, table of revision 12\n"), out);
        assertTrue(out.contains("unknown-sender") && out.contains("auth-failed") && out.contains("overflow"), out);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("total") && l.contains("1000")), out);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("42")), out);
    }

    @Test
    void jsonNamesEveryReason() throws Exception {
        GatewayCountersCommand c = new GatewayCountersCommand();
        c.gateway = GATEWAY;
        c.json = true;
        JsonNode j = Console.json(Console.run(c, new FakeWires()));
        assertEquals("east", j.get("cloud").asText());
        assertEquals(3, j.at("/counters/total/drops/unknown-sender").asLong());
        assertEquals(1, j.at("/counters/42/drops/overflow").asLong());
        assertEquals(GatewayDrop.values().length, j.at("/counters/42/drops").size());
    }

    @Test
    void withoutAGatewayItSaysSo() throws Exception {
        String out = Console.run(new GatewayCountersCommand(), new FakeWires());
        assertTrue(out.startsWith("No gateway runs on this machine"), out);
    }
}
