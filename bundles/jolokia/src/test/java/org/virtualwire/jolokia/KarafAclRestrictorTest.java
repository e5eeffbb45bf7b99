package org.virtualwire.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.jolokia.util.HttpMethod;
import org.jolokia.util.RequestType;
import org.junit.jupiter.api.Test;

/** What the restrictor asks the ACL for each kind of Jolokia request, and that it refuses whatever it cannot check. */
class KarafAclRestrictorTest {
    /** A small MBean with what the restrictor must tell apart: getters, an is-getter, a setter, overloads. */
    public interface SampleMBean {
        int getCount();

        boolean isUp();

        String getLabel();

        void setLabel(String label);

        void connect(String a, String b);

        void halt();

        void halt(String time);
    }

    public static final class Sample implements SampleMBean {
        @Override public int getCount() { return 1; }
        @Override public boolean isUp() { return true; }
        @Override public String getLabel() { return ""; }
        @Override public void setLabel(String label) { }
        @Override public void connect(String a, String b) { }
        @Override public void halt() { }
        @Override public void halt(String time) { }
    }

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName sample;
    /** Every question put to the ACL, as "method(types)". */
    private final List<String> asked = new ArrayList<>();

    KarafAclRestrictorTest() throws Exception {
        sample = server.registerMBean(new Sample(), new ObjectName("org.virtualwire:type=sample,name=default")).getObjectName();
    }

    /** @param allowed the calls the ACL allows, as "method(types)" */
    private KarafAclRestrictor restrictor(Set<String> allowed) {
        return new KarafAclRestrictor(server, (name, method, signature) -> {
            String call = method + "(" + String.join(",", signature) + ")";
            asked.add(call);
            return allowed.contains(call);
        }, CurrentRequest.NONE);
    }

    @Test
    void anAttributeIsReadAsKarafsGuardChecksGetAttribute() {
        KarafAclRestrictor r = restrictor(Set.of("getCount()", "isUp()"));
        assertTrue(r.isAttributeReadAllowed(sample, "Count"));
        assertTrue(r.isAttributeReadAllowed(sample, "Up"));
        assertFalse(r.isAttributeReadAllowed(sample, "Label"));
        assertEquals(List.of("getCount()", "isUp()", "getLabel()"), asked);
    }

    @Test
    void anAttributeIsWrittenWithItsSetterAndType() {
        KarafAclRestrictor r = restrictor(Set.of("setLabel(java.lang.String)"));
        assertTrue(r.isAttributeWriteAllowed(sample, "Label"));
        assertFalse(r.isAttributeWriteAllowed(sample, "Count"), "read-only, the ACL is not even asked");
        assertEquals(List.of("setLabel(java.lang.String)"), asked);
    }

    @Test
    void anOperationWithTypesIsCheckedWithThoseTypes() {
        KarafAclRestrictor r = restrictor(Set.of("connect(java.lang.String,java.lang.String)", "halt()"));
        assertTrue(r.isOperationAllowed(sample, "connect(java.lang.String, java.lang.String)"));
        assertTrue(r.isOperationAllowed(sample, "halt()"));
        assertFalse(r.isOperationAllowed(sample, "halt(java.lang.String)"));
        assertEquals(List.of("connect(java.lang.String,java.lang.String)", "halt()", "halt(java.lang.String)"), asked);
    }

    @Test
    void anOperationWithoutTypesNeedsEveryOverloadAllowed() {
        assertTrue(restrictor(Set.of("connect(java.lang.String,java.lang.String)")).isOperationAllowed(sample, "connect"));
        assertFalse(restrictor(Set.of("halt()")).isOperationAllowed(sample, "halt"), "halt(String) is not allowed");
        assertTrue(restrictor(Set.of("halt()", "halt(java.lang.String)")).isOperationAllowed(sample, "halt"));
        assertFalse(restrictor(Set.of("halt()")).isOperationAllowed(sample, "reboot"), "no such operation");
    }

    @Test
    void whatCannotBeCheckedIsRefused() throws Exception {
        KarafAclRestrictor failing = new KarafAclRestrictor(server, (name, method, signature) -> {
            throw new IllegalStateException("no ACL configuration");
        }, CurrentRequest.NONE);
        assertFalse(failing.isAttributeReadAllowed(sample, "Count"));
        assertFalse(failing.isOperationAllowed(sample, "halt()"));

        KarafAclRestrictor all = new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE);
        assertFalse(all.isAttributeReadAllowed(sample, "Nothing"), "unknown attribute");
        assertFalse(all.isAttributeReadAllowed(new ObjectName("org.virtualwire:type=none"), "Count"), "unregistered MBean");
        assertFalse(all.isOperationAllowed(new ObjectName("org.virtualwire:*"), "halt()"), "pattern");
    }

    @Test
    void notificationsAndWebPagesAreRefused() {
        KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE);
        for (RequestType t : List.of(RequestType.READ, RequestType.WRITE, RequestType.EXEC, RequestType.LIST,
                RequestType.SEARCH, RequestType.VERSION)) {
            assertTrue(r.isTypeAllowed(t), t.getName());
        }
        assertFalse(r.isTypeAllowed(RequestType.REGNOTIF));
        assertFalse(r.isOriginAllowed("http://evil.example", true));
        assertFalse(r.isOriginAllowed("http://evil.example", false));
        assertFalse(r.isOriginAllowed("null", true), "a sandboxed page's origin");
        assertTrue(r.isOriginAllowed(null, true), "no Origin nor Referer: not a web page");
        assertTrue(r.isRemoteAccessAllowed("127.0.0.1"));
    }

    /**
     * Jolokia asks, per request and on its thread, the exec or write check and right after it the HTTP method
     * (JsonRequestHandler.handleRequest: checkForRestriction, then checkHttpMethod): these calls in that order.
     */
    @Test
    void anExecOrWriteOverGetIsRefusedWithAClearError() {
        KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE);
        assertTrue(r.isOriginAllowed(null, true));
        assertTrue(r.isOperationAllowed(sample, "halt()"));
        SecurityException e = assertThrows(SecurityException.class, () -> r.isHttpMethodAllowed(HttpMethod.GET));
        assertTrue(e.getMessage().contains("exec") && e.getMessage().contains("use POST"), e.getMessage());

        assertTrue(r.isAttributeWriteAllowed(sample, "Label"));
        e = assertThrows(SecurityException.class, () -> r.isHttpMethodAllowed(HttpMethod.GET));
        assertTrue(e.getMessage().contains("write") && e.getMessage().contains("use POST"), e.getMessage());

        assertTrue(r.isOperationAllowed(sample, "halt()"));
        assertTrue(r.isHttpMethodAllowed(HttpMethod.POST), "exec over POST");
        assertTrue(r.isAttributeWriteAllowed(sample, "Label"));
        assertTrue(r.isHttpMethodAllowed(HttpMethod.POST), "write over POST");
    }

    @Test
    void readsListSearchAndVersionStayAllowedOverGet() {
        KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE);
        assertTrue(r.isHttpMethodAllowed(HttpMethod.GET), "a read: Jolokia checks its attributes after the method");
        assertTrue(r.isAttributeReadAllowed(sample, "Count"));
        for (RequestType t : List.of(RequestType.LIST, RequestType.SEARCH, RequestType.VERSION)) {
            assertTrue(r.isTypeAllowed(t));
            assertTrue(r.isHttpMethodAllowed(HttpMethod.GET), t.getName());
        }
    }

    @Test
    void nothingOfAnEarlierRequestRefusesALaterGet() {
        KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE);
        // an exec allowed by this restrictor but then refused by another one: Jolokia never asks for its method
        assertTrue(r.isOperationAllowed(sample, "halt()"));
        // the next HTTP request on this thread: Jolokia checks its client and origin first
        assertTrue(r.isRemoteAccessAllowed("127.0.0.1"));
        assertTrue(r.isOriginAllowed(null, true));
        assertTrue(r.isHttpMethodAllowed(HttpMethod.GET), "a GET read");

        assertTrue(r.isOperationAllowed(sample, "halt()"));
        assertFalse(r.isOperationAllowed(sample, "nosuch"), "no such operation: refused, the next check starts afresh");
        assertTrue(r.isHttpMethodAllowed(HttpMethod.GET));
    }

    @Test
    void theExecOfAnotherThreadDoesNotCount() throws Exception {
        KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE);
        Thread other = new Thread(() -> r.isOperationAllowed(sample, "halt()"));
        other.start();
        other.join();
        assertTrue(r.isHttpMethodAllowed(HttpMethod.GET));
    }

    @Test
    void onlyTheAppliancesOwnOriginIsAllowed() {
        KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true,
                request("http://appliance.example:8181", null));
        assertTrue(r.isOriginAllowed("http://appliance.example:8181", true), "the topology page's POST");
        assertTrue(r.isOriginAllowed("HTTP://Appliance.example:8181", true), "host names ignore case");
        assertFalse(r.isOriginAllowed("http://appliance.example:8080", true), "another port is another origin");
        assertFalse(r.isOriginAllowed("https://appliance.example:8181", true), "another scheme");
        assertFalse(r.isOriginAllowed("http://evil.example", true));
        assertFalse(r.isOriginAllowed("http://appliance.example:8181/virtualwire/", true), "a Referer");
        assertFalse(r.isOriginAllowed("null", true));
        KarafAclRestrictor unknown = new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE);
        assertFalse(unknown.isOriginAllowed("http://appliance.example:8181", true), "no request known: refused");
    }

    @Test
    void jsonpIsRefused() {
        for (String query : List.of("callback=steal", "p=/read/x&callback=steal", "%63allback=steal", "CALLBACK=x",
                "a=1;callback=x")) {
            KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true, request(null, query));
            SecurityException e = assertThrows(SecurityException.class, () -> r.isRemoteAccessAllowed("127.0.0.1"), query);
            assertTrue(e.getMessage().contains("JSONP"), e.getMessage());
        }
        for (String query : List.of("maxDepth=2", "p=/read/callback", "ignoreErrors=true&mimeType=text/plain")) {
            KarafAclRestrictor r = new KarafAclRestrictor(server, (name, method, signature) -> true, request(null, query));
            assertTrue(r.isRemoteAccessAllowed("127.0.0.1"), query);
        }
        assertTrue(new KarafAclRestrictor(server, (name, method, signature) -> true, CurrentRequest.NONE)
                .isRemoteAccessAllowed("127.0.0.1"));
    }

    private static CurrentRequest request(String origin, String query) {
        return new CurrentRequest() {
            @Override
            public String origin() {
                return origin;
            }

            @Override
            public String query() {
                return query;
            }
        };
    }
}
