package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;

class ViewManagementTest {
    private final FakeServices fake = new FakeServices().withWire();
    private final MBeanServerFixture jmx = new MBeanServerFixture();

    @Test
    void topologyIsOneOpenDataObjectWithWiresHostsGuestsAndNics() throws Exception {
        ObjectName name = jmx.register(new ViewManagement(fake), ViewMXBean.OBJECT_NAME);
        CompositeData t = (CompositeData) jmx.server.getAttribute(name, "Topology");
        CompositeData[] wires = (CompositeData[]) t.get("wires");
        assertEquals(1, wires.length);
        assertEquals(100, wires[0].get("id"));
        assertEquals("h1", wires[0].get("hostA"));
        assertEquals("h2", wires[0].get("hostB"));
        assertEquals("DEGRADED", wires[0].get("status"));
        assertEquals(fake.hosts().size(), ((CompositeData[]) t.get("hosts")).length);
        assertEquals(fake.guests().size(), ((CompositeData[]) t.get("guests")).length);
        CompositeData[] nics = (CompositeData[]) t.get("endpoints");
        assertEquals(fake.endpoints().size(), nics.length);
        for (CompositeData nic : nics) {
            assertEquals(100, nic.get("wire"), nic.get("id") + " is on wire 100");
        }
    }
}
