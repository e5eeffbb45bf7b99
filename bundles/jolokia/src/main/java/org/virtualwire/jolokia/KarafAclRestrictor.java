package org.virtualwire.jolokia;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.jolokia.restrictor.Restrictor;
import org.jolokia.util.HttpMethod;
import org.jolokia.util.RequestType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jolokia's gatekeeper: a read, write or exec over HTTP goes ahead only if Karaf's JMX ACLs ({@code etc/jmx.acl*.cfg})
 * allow that attribute or operation to the user who logged in. Karaf enforces those ACLs on its own JMX connector
 * only (through its guarded MBean server); Jolokia calls the platform MBean server, so without this restrictor
 * every user of the realm could call everything, {@code DiagnosticCommand jvmtiAgentLoad} of the root JVM included.
 * The user is found as Karaf's guard finds it: Jolokia runs each request inside {@code Subject.doAs} of its JAAS login.
 * <p>
 * Jolokia asks the restrictor services because {@code etc/org.jolokia.osgi.cfg} sets
 * {@code org.jolokia.useRestrictorService=true}; it then refuses every request while none is registered, so a
 * stopped bundle means no access, never full access. Arguments are not seen here (Jolokia's restrictor is asked
 * before they are converted), so Karaf answers whether the user may call the method with some arguments: a line
 * that matches on argument values (Karaf's own, e.g. for bundle 0) binds only Karaf's JMX connector.
 */
@Component(service = Restrictor.class)
public final class KarafAclRestrictor implements Restrictor {
    private static final Logger LOG = LoggerFactory.getLogger(KarafAclRestrictor.class);
    /** Notification registrations would deliver what MBeans emit outside any ACL: not on this list, so refused. */
    private static final Set<RequestType> TYPES = EnumSet.of(RequestType.READ, RequestType.WRITE, RequestType.EXEC,
            RequestType.LIST, RequestType.SEARCH, RequestType.VERSION);

    /** Karaf's JMXSecurityMBean (named for its instance, e.g. {@code name=root}): may the user call a method? */
    static final ObjectName KARAF_SECURITY = name("org.apache.karaf:type=security,area=jmx,*");
    private static final String[] CAN_INVOKE = {String.class.getName(), String.class.getName(), String[].class.getName()};

    /**
     * The state-changing check (exec or write) this thread's request passed last, until Jolokia asks for its HTTP
     * method. Jolokia 1.7.1 ({@code JsonRequestHandler.handleRequest}) asks, for each request and on the thread that
     * serves it, {@code checkForRestriction} (exec: {@link #isOperationAllowed}, write: {@link #isAttributeWriteAllowed})
     * and right after it {@code checkHttpMethod} ({@link #isHttpMethodAllowed}), with nothing in between: so the
     * method is tied to the request's type here. Every HTTP request begins with {@link #isRemoteAccessAllowed} and
     * {@link #isOriginAllowed} on the same thread, which clear what an earlier request left.
     */
    private final ThreadLocal<RequestType> changing = new ThreadLocal<>();
    private final MBeanServer server;
    private final Acl acl;
    private final CurrentRequest current;

    /**
     * For OSGi: Karaf's own guard decides, from the {@code jmx.acl*} configurations, on the platform MBean server
     * that Jolokia serves.
     */
    @Activate
    public KarafAclRestrictor() {
        this(ManagementFactory.getPlatformMBeanServer(), karafAcl(KarafAclRestrictor::allServers), JettyRequest.INSTANCE);
    }

    /**
     * @param current the HTTP request this thread serves (its origin and query)
     */
    KarafAclRestrictor(MBeanServer server, Acl acl, CurrentRequest current) {
        this.server = server;
        this.acl = acl;
        this.current = current;
    }

    /**
     * Karaf's guard, asked through Karaf's own MBean for it ({@code org.apache.karaf:type=security,area=jmx,name=root},
     * {@code canInvoke}), which decides for the user whose login runs the calling thread: the MBean server calls
     * it on this thread, inside Jolokia's {@code Subject.doAs}. (Through the MBean rather than Karaf's classes, so
     * that this bundle needs no Karaf jar to build; until Karaf's management registers it, every request is
     * refused.)
     *
     * @param servers the MBean servers to look for Karaf's security MBean on
     * @return Karaf's guard
     */
    static Acl karafAcl(Supplier<List<MBeanServer>> servers) {
        return (name, method, signature) -> {
            for (MBeanServer server : servers.get()) { // Karaf may register its MBeans on an MBean server of its own
                for (ObjectName security : server.queryNames(KARAF_SECURITY, null)) {
                    return Boolean.TRUE.equals(server.invoke(security, "canInvoke",
                            new Object[] {name.getCanonicalName(), method, signature}, CAN_INVOKE));
                }
            }
            throw new InstanceNotFoundException(KARAF_SECURITY + " (Karaf's management is not started)");
        };
    }

    /** @return every MBean server of this JVM, the platform's among them, as Jolokia finds them */
    private static List<MBeanServer> allServers() {
        List<MBeanServer> all = new ArrayList<>(MBeanServerFactory.findMBeanServer(null));
        all.add(ManagementFactory.getPlatformMBeanServer());
        return all;
    }

    /**
     * Refuses a GET that would change state (exec or write, whatever the ACLs say): a web page makes a browser send a
     * GET with the browser's cached login and without Origin or Referer ({@code <img src=...>} with
     * {@code referrerpolicy=no-referrer}), so only POST (Jolokia's JSON body; a browser adds Origin to it) may change
     * anything. Reads, list, search and version stay allowed over GET.
     *
     * @throws SecurityException for an exec or write sent with GET; Jolokia answers it with 403 and this message
     */
    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        RequestType type = changing.get();
        changing.remove();
        if (type != null && method != HttpMethod.POST) {
            LOG.debug("Jolokia: {} over {} refused, state changes need POST", type.getName(), method);
            throw new SecurityException("Request type " + type.getName() + " changes state and is not allowed over HTTP "
                    + (method == null ? "?" : method.getMethod().toUpperCase()) + ": use POST (Jolokia's JSON body)");
        }
        return true;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        changing.remove();
        return TYPES.contains(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        changing.remove();
        return decide(name, "read " + attribute, () -> {
            MBeanAttributeInfo a = attribute(name, attribute);
            // the method name Karaf's guard checks for getAttribute
            return a != null && a.isReadable() && acl.allows(name, (a.isIs() ? "is" : "get") + a.getName(), new String[0]);
        });
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return changes(RequestType.WRITE, decide(name, "write " + attribute, () -> {
            MBeanAttributeInfo a = attribute(name, attribute);
            return a != null && a.isWritable() && acl.allows(name, "set" + a.getName(), new String[] {a.getType()});
        }));
    }

    /**
     * @param operation a name, or a name with its parameter types in parentheses, as Jolokia's exec takes it
     */
    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return changes(RequestType.EXEC, decide(name, "exec " + operation, () -> {
            int paren = operation.indexOf('(');
            if (paren >= 0) {
                return acl.allows(name, operation.substring(0, paren).trim(), signature(operation, paren));
            }
            // without types Jolokia picks the overload from the arguments, which are not known here: every one must be allowed
            List<String[]> overloads = overloads(name, operation.trim());
            for (String[] signature : overloads) {
                if (!acl.allows(name, operation.trim(), signature)) {
                    return false;
                }
            }
            return !overloads.isEmpty();
        }));
    }

    /** Remembers an allowed exec or write for {@link #isHttpMethodAllowed}, which Jolokia asks next. */
    private boolean changes(RequestType type, boolean allowed) {
        if (allowed) {
            changing.set(type);
        } else {
            changing.remove();
        }
        return allowed;
    }

    /**
     * Where clients may connect from is the HTTP service's listening address, not a rule of this restrictor. Asked
     * first for every HTTP request: refuses JSONP (a {@code callback} parameter), whose answer is a script that any
     * site's page can load with {@code <script src=...>} (no Origin, no Referer, the browser's login) and so read.
     *
     * @throws SecurityException for a request with a callback; Jolokia answers it with 403 and this message
     */
    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        changing.remove();
        if (CurrentRequest.hasParameter(current.query(), "callback")) {
            throw new SecurityException("JSONP (parameter callback) is not allowed: another site's page could read"
                    + " the answer");
        }
        return true;
    }

    /**
     * Refuses every request that another site's page makes (it carries an Origin or Referer header, "null"
     * included): a page in a browser that once logged in to the appliance could otherwise make calls with the
     * browser's stored credentials (cross-site request forgery). Clients such as curl send neither header (Jolokia
     * asks with {@code null} then). The one origin allowed is the appliance's own, exactly as the request's Host
     * header names it (the topology page at {@code /virtualwire/}, whose POSTs carry Origin): a page elsewhere,
     * another port of the same host included, is another origin.
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        changing.remove();
        if (origin == null) {
            return true;
        }
        String own = current.origin();
        boolean allowed = own != null && own.equalsIgnoreCase(origin.trim());
        if (!allowed) {
            LOG.debug("Jolokia: a request from {} refused (the appliance is {})", origin, own);
        }
        return allowed;
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private MBeanAttributeInfo attribute(ObjectName name, String attribute) throws Exception {
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            if (a.getName().equals(attribute)) {
                return a;
            }
        }
        return null;
    }

    private List<String[]> overloads(ObjectName name, String operation) throws Exception {
        List<String[]> result = new ArrayList<>();
        for (MBeanOperationInfo op : server.getMBeanInfo(name).getOperations()) {
            if (op.getName().equals(operation)) {
                result.add(Arrays.stream(op.getSignature()).map(MBeanParameterInfo::getType).toArray(String[]::new));
            }
        }
        return result;
    }

    private static String[] signature(String operation, int paren) {
        int close = operation.lastIndexOf(')');
        String types = operation.substring(paren + 1, close > paren ? close : operation.length()).trim();
        return types.isEmpty() ? new String[0] : Arrays.stream(types.split(",")).map(String::trim).toArray(String[]::new);
    }

    /**
     * A check that cannot be made (no such MBean, unreadable ACL) refuses: never open by accident. So does a pattern:
     * Jolokia asks about each MBean a pattern read matches, and Karaf's ACL files are named after real names.
     */
    private static boolean decide(ObjectName name, String what, Check check) {
        try {
            boolean allowed = !name.isPattern() && check.allowed();
            if (!allowed) {
                LOG.debug("Jolokia: {} on {} refused by the JMX ACLs", what, name);
            }
            return allowed;
        } catch (Exception e) {
            LOG.debug("Jolokia: {} on {} refused, the ACLs could not be checked: {}", what, name, e.toString());
            return false;
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean allowed() throws Exception;
    }
}
