package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

/** Every running gateway's counters travel as open types, by gateway host, drops by reason. */
class GatewaysManagementTest {
    private final MBeanServerFixture jmx = new MBeanServerFixture();

    private static GatewayService gateway(String cloud) {
        return new GatewayService() {
            @Override
            public CloudId cloud() {
                return CloudId.of(cloud);
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
    }

    @Test
    void eachGatewayByItsHostWithDropsByReason() throws Exception {
        GatewaysManagement bean = new GatewaysManagement();
        bean.addGateway(gateway("west"), Map.of("host", "wgw"));
        bean.addGateway(gateway("east"), Map.of("host", "egw"));
        ObjectName name = jmx.register(bean, GatewaysMXBean.OBJECT_NAME);
        CompositeData[] all = (CompositeData[]) jmx.server.getAttribute(name, "Gateways");
        assertEquals(2, all.length);
        assertEquals("egw", all[0].get("gateway"), "sorted by name");
        assertEquals("east", all[0].get("cloud"));
        assertEquals(7L, all[0].get("revision"));
        assertEquals(2L, ((TabularData) all[0].get("drops")).get(new Object[] {"auth-failed"}).get("value"));
        CompositeData[] wires = (CompositeData[]) jmx.server.invoke(name, "wireCounters", new Object[] {"wgw"},
                new String[] {String.class.getName()});
        assertEquals(1, wires.length);
        assertEquals("9", wires[0].get("wire"));
        assertEquals(1L, ((TabularData) wires[0].get("drops")).get(new Object[] {"vni-not-allowed"}).get("value"));
        String refusal = jmx.refusal(name, "wireCounters", new Object[] {"nope"}, String.class.getName());
        assertTrue(refusal.contains("no gateway 'nope'"), refusal);
    }
}
