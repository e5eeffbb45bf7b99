package org.virtualwire.jolokia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

/**
 * How the restrictor asks Karaf: through Karaf's security MBean, with the MBean's canonical name, the method and
 * its parameter types; without that MBean there is no answer, and the restrictor refuses. What Karaf answers for
 * each role with the shipped {@code jmx.acl*} files is checked over HTTP on the real appliance (JolokiaAccessIT).
 */
class KarafAclTest {

    /** Karaf's JMXSecurityMBean, the one operation the restrictor calls. */
    public interface SecurityMBean {
        boolean canInvoke(String objectName, String methodName, String[] argumentTypes);
    }

    /** Records the questions; allows only {@code connect}. */
    public static final class Security implements SecurityMBean {
        final List<Object[]> asked = new ArrayList<>();

        @Override
        public boolean canInvoke(String objectName, String methodName, String[] argumentTypes) {
            asked.add(new Object[] {objectName, methodName, argumentTypes});
            return methodName.equals("connect");
        }
    }

    @Test
    void karafsSecurityMBeanDecides() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        Security security = new Security();
        server.registerMBean(security, new ObjectName("org.apache.karaf:type=security,area=jmx,name=root"));
        Acl acl = KarafAclRestrictor.karafAcl(() -> List.of(MBeanServerFactory.newMBeanServer(), server));
        ObjectName wires = new ObjectName("org.virtualwire:type=wires,name=default");

        assertTrue(acl.allows(wires, "connect", new String[] {"java.lang.String", "java.lang.String"}));
        assertFalse(acl.allows(wires, "disconnect", new String[] {"java.lang.String"}));
        assertEquals(2, security.asked.size());
        assertEquals("org.virtualwire:name=default,type=wires", security.asked.get(0)[0]);
        assertEquals("connect", security.asked.get(0)[1]);
        assertArrayEquals(new String[] {"java.lang.String", "java.lang.String"}, (String[]) security.asked.get(0)[2]);
    }

    @Test
    void withoutKarafsSecurityMBeanThereIsNoAnswer() throws Exception {
        Acl acl = KarafAclRestrictor.karafAcl(() -> List.of(MBeanServerFactory.newMBeanServer()));
        assertThrows(InstanceNotFoundException.class,
                () -> acl.allows(new ObjectName("org.virtualwire:type=wires,name=default"), "connect", new String[0]));
    }
}
