package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.OutsideVtep;

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

    /** A wire whose far end is a VTEP VirtualWire does not manage has no endpoint b, no host b: both reads take it. */
    @Test
    void aWireToAnOutsideVtepIsListedWithItsFarEnd() throws Exception {
        fake.addGuest(GuestId.of("edge"), GuestKind.CONTAINER, HostId.of("h1"));
        fake.addEndpoint(EndpointId.parse("edge/eth0"), null, "10.99.1.1/24", null);
        fake.connect(EndpointId.parse("edge/eth0"), OutsideVtep.parse("vxlan:198.18.0.200/7"));
        ObjectName name = jmx.register(new ViewManagement(fake), ViewMXBean.OBJECT_NAME);

        CompositeData t = (CompositeData) jmx.server.getAttribute(name, "Topology");
        CompositeData outside = wire((CompositeData[]) t.get("wires"), 7);
        assertEquals("edge/eth0", outside.get("a"));
        assertEquals("vxlan:198.18.0.200/7", outside.get("b"));
        assertEquals("h1", outside.get("hostA"));
        assertNull(outside.get("hostB"));
        for (CompositeData nic : (CompositeData[]) t.get("endpoints")) {
            if (nic.get("id").equals("edge/eth0")) {
                assertEquals(7, nic.get("wire"));
            }
        }

        CompositeData[] counters = (CompositeData[]) jmx.server.getAttribute(name, "Counters");
        assertEquals(2, counters.length, "the wire between web1 and web2, and the one to the outside VTEP");
        CompositeData c = wire(counters, 7);
        assertEquals("edge/eth0", ((CompositeData) c.get("a")).get("endpoint"));
        assertEquals("vxlan:198.18.0.200/7", ((CompositeData) c.get("b")).get("endpoint"));
        assertEquals(3L, ((CompositeData) c.get("a")).get("sentPackets"));
    }

    private static CompositeData wire(CompositeData[] all, int vni) {
        for (CompositeData d : all) {
            Object id = d.containsKey("id") ? d.get("id") : d.get("wire");
            if (id.equals(vni)) {
                return d;
            }
        }
        throw new AssertionError("no wire " + vni);
    }
}
