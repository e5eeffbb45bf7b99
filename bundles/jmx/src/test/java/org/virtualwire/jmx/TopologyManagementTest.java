package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.core.impl.topology.TopologyManager;

class TopologyManagementTest {
    private static final String S = String.class.getName();
    private final FakeServices fake = new FakeServices();
    private final MBeanServerFixture jmx = new MBeanServerFixture();
    private ObjectName name;

    @BeforeEach
    void register() throws Exception {
        name = jmx.register(new TopologyManagement(fake), TopologyMXBean.OBJECT_NAME);
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

    @Test
    void theRealServiceRefusesOversizedTextAndDevicesByNameChangingNothing() throws Exception {
        // the topology service itself, over the fake state: the limits are its own
        ObjectName real = jmx.register(new TopologyManagement(new TopologyManager(fake, fake)),
                "org.virtualwire:type=topology,name=limits");
        String big = "hosts: []\n#" + " ".repeat(5 * 1024 * 1024);
        assertEquals("topology jmx is not accepted: it is larger than the limit of 4194304 bytes"
                + " (topology.max.bytes in etc/org.virtualwire.core.cfg)", jmx.refusal(real, "apply", new Object[] {big}, S));
        assertEquals("cannot read topology file /dev/zero: it is not a regular file (a device, FIFO or socket),"
                + " give a YAML file", jmx.refusal(real, "applyFile", new Object[] {"/dev/zero"}, S));
        assertEquals("give the topology file's path", jmx.refusal(real, "applyFile", new Object[] {" "}, S));
        assertTrue(fake.hosts().isEmpty(), "nothing changed");
    }

    @Test
    void applyFileReadsTheFileThroughTheService(@TempDir Path dir) throws Exception {
        ObjectName real = jmx.register(new TopologyManagement(new TopologyManager(fake, fake)),
                "org.virtualwire:type=topology,name=file");
        Path file = Files.writeString(dir.resolve("lab.yaml"), "hosts:\n  - name: h1\n");
        CompositeData r = (CompositeData) jmx.invoke(real, "applyFile", new Object[] {file.toString()}, S);
        assertArrayEquals(new String[] {"host h1"}, (String[]) r.get("created"));
    }
}
