package org.virtualwire.web;

import java.lang.management.ManagementFactory;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.security.auth.Subject;

/**
 * What the logged-in user may do over Jolokia, asked of Karaf's JMX ACL guard (the same the Jolokia restrictor
 * asks, {@code etc/jmx.acl.org.virtualwire.cfg}), so that the page offers only the actions that would be allowed.
 * It decides nothing: Jolokia refuses a forbidden call whatever the page shows.
 */
final class Permissions {
    /** The operator actions the page offers: name, MBean, operation. */
    static final String[][] ACTIONS = {
        {"connect", "org.virtualwire:type=wires,name=default", "connect"},
        {"disconnect", "org.virtualwire:type=wires,name=default", "disconnect"},
        {"migrate", "org.virtualwire:type=migrations,name=default", "migrate"},
    };
    private static final String[] CAN_INVOKE = {String.class.getName(), String.class.getName()};

    private Permissions() {
    }

    /**
     * @param subject the logged-in user
     * @return each action of {@link #ACTIONS} and whether Karaf's ACLs allow it to that user (false if it cannot tell)
     */
    static Map<String, Boolean> of(Subject subject) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        for (String[] action : ACTIONS) {
            result.put(action[0], allowed(subject, action[1], action[2]));
        }
        return result;
    }

    private static boolean allowed(Subject subject, String mbean, String operation) {
        try {
            ObjectName security = new ObjectName("org.apache.karaf:type=security,area=jmx,*");
            for (MBeanServer server : servers()) {
                for (ObjectName guard : server.queryNames(security, null)) {
                    // Karaf's guard reads the user from the calling thread's access control context
                    return Subject.doAs(subject, (PrivilegedExceptionAction<Boolean>) () -> Boolean.TRUE.equals(
                            server.invoke(guard, "canInvoke", new Object[] {mbean, operation}, CAN_INVOKE)));
                }
            }
        } catch (Exception e) {
            // not decidable: the page offers nothing, Jolokia would decide anyway
        }
        return false;
    }

    private static List<MBeanServer> servers() {
        List<MBeanServer> all = new ArrayList<>(MBeanServerFactory.findMBeanServer(null));
        all.add(ManagementFactory.getPlatformMBeanServer());
        return all;
    }
}
