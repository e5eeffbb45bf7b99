package org.virtualwire.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedAction;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The JMX ACL files the assembly ships ({@code assembly/src/main/resources/assembly/etc/jmx.acl*.cfg}), decided by
 * Karaf's own guard for users of each role, on stand-ins of the MBeans they are about. JolokiaAccessIT checks the
 * same over HTTP on the running appliance.
 */
class ShippedAclTest {
    private static final Path ETC = Path.of("../../assembly/src/main/resources/assembly/etc");

    /** Stand-ins with the operations and attributes the rules name. */
    public interface WiresMBean {
        List<String> getWires();

        int connect(String a, String b);

        String counters(int id);
    }

    public interface SystemMBean {
        String getName();

        void halt(String time);
    }

    public interface DiagnosticCommandMBean {
        String vmVersion();

        String jvmtiAgentLoad(String[] arguments);
    }

    public static final class Wires implements WiresMBean {
        @Override public List<String> getWires() { return List.of(); }
        @Override public int connect(String a, String b) { return 0; }
        @Override public String counters(int id) { return ""; }
    }

    public static final class KarafSystem implements SystemMBean {
        @Override public String getName() { return "root"; }
        @Override public void halt(String time) { }
    }

    public static final class DiagnosticCommand implements DiagnosticCommandMBean {
        @Override public String vmVersion() { return ""; }
        @Override public String jvmtiAgentLoad(String[] arguments) { return ""; }
    }

    @Test
    void eachRoleMayDoWhatTheReadmeSays() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName wires = server.registerMBean(new Wires(), new ObjectName("org.virtualwire:type=wires,name=default")).getObjectName();
        ObjectName system = server.registerMBean(new StandardMBean(new KarafSystem(), SystemMBean.class), new ObjectName("org.apache.karaf:type=system,name=root")).getObjectName();
        ObjectName diagnostic = server.registerMBean(new StandardMBean(new DiagnosticCommand(), DiagnosticCommandMBean.class), new ObjectName("com.sun.management:type=DiagnosticCommand")).getObjectName();
        KarafAclRestrictor r = new KarafAclRestrictor(server, KarafAclRestrictor.karafAcl(shippedAcls()));

        Map<String, PrivilegedAction<Boolean>> requests = new LinkedHashMap<>();
        requests.put("read Wires", () -> r.isAttributeReadAllowed(wires, "Wires"));
        requests.put("counters", () -> r.isOperationAllowed(wires, "counters"));
        requests.put("connect", () -> r.isOperationAllowed(wires, "connect"));
        requests.put("read karaf Name", () -> r.isAttributeReadAllowed(system, "Name"));
        requests.put("halt", () -> r.isOperationAllowed(system, "halt(java.lang.String)"));
        requests.put("vmVersion", () -> r.isOperationAllowed(diagnostic, "vmVersion"));
        requests.put("jvmtiAgentLoad", () -> r.isOperationAllowed(diagnostic, "jvmtiAgentLoad"));

        assertEquals(List.of(), allowed(requests), "no role");
        assertEquals(List.of("read Wires", "counters"), allowed(requests, "viewer"));
        assertEquals(List.of("read Wires", "counters", "connect"), allowed(requests, "operator"));
        assertEquals(List.of("read Wires", "counters", "connect", "read karaf Name", "halt", "vmVersion"),
                allowed(requests, "admin"));
        assertEquals(List.of("read Wires", "counters", "connect", "read karaf Name", "halt", "vmVersion"),
                allowed(requests, "admin", "manager", "viewer", "operator", "systembundles", "ssh"), "karaf's group");
    }

    /** @return the names of the requests that a user with those roles may make */
    private static List<String> allowed(Map<String, PrivilegedAction<Boolean>> requests, String... roles) {
        Subject user = new Subject();
        user.getPrincipals().add(new UserPrincipal("someone"));
        for (String role : roles) {
            user.getPrincipals().add(new RolePrincipal(role));
        }
        List<String> result = new ArrayList<>();
        requests.forEach((name, request) -> {
            if (Subject.doAs(user, request)) {
                result.add(name);
            }
        });
        return result;
    }

    /** @return a ConfigurationAdmin that holds the shipped jmx.acl files, as Felix FileInstall loads them */
    private static ConfigurationAdmin shippedAcls() throws IOException {
        Map<String, Dictionary<String, Object>> pids = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ETC)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("jmx\\.acl.*\\.cfg")).toList()) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(f)) {
                    p.load(in);
                }
                String pid = f.getFileName().toString().replaceFirst("\\.cfg$", "");
                Hashtable<String, Object> d = new Hashtable<>();
                p.forEach((k, v) -> d.put((String) k, v));
                d.put("service.pid", pid);
                pids.put(pid, d);
            }
        }
        return (ConfigurationAdmin) Proxy.newProxyInstance(ShippedAclTest.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                    // the guard asks for "(service.pid=jmx.acl*)" and "(service.pid=jmx.acl.whitelist)" (none shipped)
                    case "listConfigurations" -> ((String) args[0]).endsWith("*)")
                            ? pids.keySet().stream().map(pid -> configuration(pid, pids.get(pid))).toArray(Configuration[]::new)
                            : null;
                    case "getConfiguration" -> configuration((String) args[0], pids.get((String) args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Configuration configuration(String pid, Dictionary<String, Object> properties) {
        return (Configuration) Proxy.newProxyInstance(ShippedAclTest.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getProperties" -> properties;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
