package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

class GatewayMBeanTest {
    private final MBeanServerFixture jmx = new MBeanServerFixture();

    private final GatewayService gateway = new GatewayService() {
        @Override
        public CloudId cloud() {
            return CloudId.of("east");
        }

        @Override
        public long tableRevision() {
            return 7;
        }

        @Override
        public TrafficCounters counters() {
            return new TrafficCounters(5, 500, 4, 400, Map.of(GatewayDrop.AUTH_FAILED, 2L));
        }

        @Override
        public Map<WireId, TrafficCounters> wireCounters() {
            return Map.of(new WireId(9), new TrafficCounters(5, 500, 4, 400, Map.of(GatewayDrop.VNI_NOT_ALLOWED, 1L)));
        }
    };

    @Test
    void countersTravelAsOpenTypes() throws Exception {
        ObjectName name = jmx.register(new GatewayMBean(gateway), GatewayMXBean.OBJECT_NAME);
        assertEquals(true, jmx.server.getAttribute(name, "Running"));
        assertEquals("east", jmx.server.getAttribute(name, "Cloud"));
        assertEquals(7L, jmx.server.getAttribute(name, "TableRevision"));
        CompositeData total = (CompositeData) jmx.server.getAttribute(name, "Counters");
        assertEquals(-1, total.get("wire"));
        assertEquals(2L, total.get("authFailed"));
        CompositeData[] wires = (CompositeData[]) jmx.server.getAttribute(name, "WireCounters");
        assertEquals(1, wires.length);
        assertEquals(9, wires[0].get("wire"));
        assertEquals(1L, wires[0].get("vniNotAllowed"));
    }

    @Test
    void withoutAGatewayItSaysSoAndShowsNothing() throws Exception {
        ObjectName name = jmx.register(new GatewayMBean(null), GatewayMXBean.OBJECT_NAME);
        assertEquals(false, jmx.server.getAttribute(name, "Running"));
        assertEquals(-1L, jmx.server.getAttribute(name, "TableRevision"));
        assertEquals(0, ((CompositeData[]) jmx.server.getAttribute(name, "WireCounters")).length);
    }
}
