package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import javax.management.JMX;
import javax.management.MBeanOperationInfo;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.WireId;

class WiresManagementTest {
    private static final String S = String.class.getName();
    private final FakeServices fake = new FakeServices().withWire();
    private final MBeanServerFixture jmx = new MBeanServerFixture();
    private ObjectName name;

    @BeforeEach
    void register() throws Exception {
        name = jmx.register(new WiresManagement(fake, fake), WiresMXBean.OBJECT_NAME);
    }

    @Test
    void wiresAttributeIsOpenData() throws Exception {
        CompositeData[] wires = (CompositeData[]) jmx.server.getAttribute(name, "Wires");
        assertEquals(1, wires.length);
        CompositeData w = wires[0];
        assertEquals(100, w.get("id"));
        assertEquals("web1/eth0", w.get("a"));
        assertEquals("web2/eth0", w.get("b"));
        assertEquals("h1", w.get("hostA"));
        assertEquals("h2", w.get("hostB"));
        assertEquals("vxlan", w.get("tunnel"));
        assertEquals("DEGRADED", w.get("status"));
        assertEquals("tunnel protocol vxlan is not installed", w.get("detail"));
    }

    @Test
    void connectReturnsTheNewId() throws Exception {
        fake.addEndpoint(EndpointId.parse("web1/eth1"), null, null, null);
        fake.addEndpoint(EndpointId.parse("web2/eth1"), null, null, null);
        Object id = jmx.invoke(name, "connect", new Object[] {"web1/eth1", "web2/eth1"}, S, S);
        assertEquals(101, id);
        assertTrue(fake.wire(new WireId(101)).isPresent());
    }

    @Test
    void refusalsCarryTheServiceMessage() {
        assertEquals("endpoint web1/eth0 is already wired (wire 100): a NIC takes one cable",
                jmx.refusal(name, "connect", new Object[] {"web1/eth0", "web2/eth0"}, S, S));
        assertEquals("invalid endpoint 'web1': write guest/nic, e.g. web1/eth0",
                jmx.refusal(name, "connect", new Object[] {"web1", "web2/eth0"}, S, S));
        assertEquals("unknown wire 7", jmx.refusal(name, "disconnect", new Object[] {"7"}, S));
        assertEquals("invalid wire id 0: must be 1 to 16777215", jmx.refusal(name, "counters", new Object[] {"0"}, S));
        assertEquals(1, fake.wires().size());
    }

    @Test
    void disconnectRemovesTheWire() throws Exception {
        assertNull(jmx.invoke(name, "disconnect", new Object[] {"100"}, S));
        assertTrue(fake.wires().isEmpty());
    }

    @Test
    void countersOfBothEnds() throws Exception {
        CompositeData c = (CompositeData) jmx.invoke(name, "counters", new Object[] {"100"}, S);
        assertEquals(100, c.get("wire"));
        CompositeData a = (CompositeData) c.get("a");
        CompositeData b = (CompositeData) c.get("b");
        assertEquals("web1/eth0", a.get("endpoint"));
        assertEquals(3L, a.get("sentPackets"));
        assertEquals(200L, a.get("receivedBytes"));
        assertEquals(1L, b.get("drops"));
        assertEquals(5L, b.get("filtered"));
    }

    /** What Jolokia passes for an id that is not one: the text as it came, or null. */
    @Test
    void wireIdsThatAreNotOneAreRefusedNamingThem() {
        for (String id : new String[] {"2147483648", "abc", "-1", "16777216", ""}) {
            String message = jmx.refusal(name, "disconnect", new Object[] {id}, S);
            assertTrue(message.startsWith("invalid wire id ") && message.contains(id.isEmpty() ? "''" : id), message);
            assertTrue(jmx.refusal(name, "counters", new Object[] {id}, S).startsWith("invalid wire id "));
        }
        assertEquals("invalid wire id 'null': must be a number 1 to 16777215",
                jmx.refusal(name, "disconnect", new Object[] {null}, S));
        assertEquals(1, fake.wires().size());
    }

    @Test
    void awaitAppliedPassesTheTimeout() throws Exception {
        assertEquals(true, jmx.invoke(name, "awaitApplied", new Object[] {5}, "int"));
        assertEquals(Duration.ofSeconds(5), fake.lastAwait);
    }

    @Test
    void proxyAndParameterNames() throws Exception {
        WiresMXBean proxy = JMX.newMXBeanProxy(jmx.server, name, WiresMXBean.class);
        assertEquals("h2", proxy.getWires().get(0).getHostB());
        assertEquals(2L, proxy.counters("100").getB().getSentPackets());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> proxy.disconnect("5"));
        assertEquals("unknown wire 5", e.getMessage());

        MBeanOperationInfo connect = Arrays.stream(jmx.server.getMBeanInfo(name).getOperations())
                .filter(o -> o.getName().equals("connect")).findFirst().orElseThrow();
        assertEquals("a", connect.getSignature()[0].getName());
        assertEquals("b", connect.getSignature()[1].getName());
        assertEquals("b", connect.getSignature()[1].getDescription());
        assertFalse(Arrays.stream(jmx.server.getMBeanInfo(name).getOperations()).anyMatch(o -> o.getName().startsWith("get")));
    }
}
