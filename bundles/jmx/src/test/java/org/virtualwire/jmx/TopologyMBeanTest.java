package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopologyMBeanTest {
    private static final String S = String.class.getName();
    private final FakeServices fake = new FakeServices();
    private final MBeanServerFixture jmx = new MBeanServerFixture();
    private ObjectName name;

    @BeforeEach
    void register() throws Exception {
        name = jmx.register(new TopologyMBean(fake), TopologyMXBean.OBJECT_NAME);
    }

    @Test
    void applyReturnsWhatChangedAndExportReadsItBack() throws Exception {
        CompositeData r = (CompositeData) jmx.invoke(name, "apply", new Object[] {"hosts:\n  - name: h1\n"}, S);
        assertArrayEquals(new String[] {"host h1"}, (String[]) r.get("created"));
        assertArrayEquals(new String[0], (String[]) r.get("removed"));
        assertEquals("hosts:\n  - name: h1\n", jmx.invoke(name, "export", new Object[0]));
    }

    @Test
    void malformedDocumentIsRefusedWithTheLine() {
        assertEquals("jmx line 1: flow sequences are not allowed",
                jmx.refusal(name, "apply", new Object[] {"hosts: [h1]"}, S));
        assertEquals("", fake.topologyText);
    }
}
