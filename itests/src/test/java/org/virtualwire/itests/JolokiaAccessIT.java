package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.Bundle;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who may do what over Jolokia (HTTP), by role, on the shipped JMX ACLs: a viewer reads VirtualWire's MBeans, an
 * operator also calls their operations, only admin touches Karaf and the JVM, and nobody loads a JVMTI agent into
 * the appliance's root JVM. Every probe of something that must be refused is harmless should it run (arguments
 * that Karaf or the JVM refuse anyway, no such bundle, kar or agent file), and the assertion tells Jolokia's
 * access refusal (403, "forbidden") from an execution that failed.
 * <p>
 * The viewer, operator and role-less users exist only in this test's Karaf, with passwords made for the run.
 */
public class JolokiaAccessIT extends VirtualWireTestSupport {
    private static final String WIRES = "org.virtualwire:type=wires,name=default";
    private static final String HOSTS = "org.virtualwire:type=hosts,name=default";
    private static final String TOPOLOGY = "org.virtualwire:type=topology,name=default";
    private static final String SYSTEM = "org.apache.karaf:type=system,name=root";
    private static final String BUNDLES = "org.apache.karaf:type=bundle,name=root";
    private static final String KARS = "org.apache.karaf:type=kar,name=root";
    private static final String FEATURES = "org.apache.karaf:type=feature,name=root";
    private static final String DIAGNOSTIC = "com.sun.management:type=DiagnosticCommand";
    private static final String RUNTIME = "java.lang:type=Runtime";
    private static final String VIEWER = "vwi-viewer";
    private static final String OPERATOR = "vwi-operator";
    private static final String NOBODY = "vwi-nobody";
    private static final String NO_AGENT = "/nonexistent/vwi-agent.so";

    /** @return the appliance, plus a user of each shipped group and one with no role */
    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", VIEWER, password() + ",_g_:viewergroup"),
                editConfigurationFilePut("etc/users.properties", OPERATOR, password() + ",_g_:operatorgroup"),
                editConfigurationFilePut("etc/users.properties", NOBODY, password()));
    }

    /** Every test starts with Jolokia answering the admin (a test stops the restrictor bundle). */
    @Before
    public void jolokiaAnswers() throws IOException {
        Jolokia admin = jolokia();
        eventually(SERVICE_TIMEOUT, () -> admin.readReply(WIRES, "Wires").ok(), "Jolokia answers karaf");
    }

    @Test
    public void aViewerReadsVirtualWireAndNothingElse() throws IOException {
        Jolokia viewer = as(VIEWER);
        assertTrue(viewer.readReply(WIRES, "Wires").ok());
        assertTrue(viewer.readReply(HOSTS, "Hosts").ok());
        assertTrue("a read-only operation", viewer.exec(WIRES, "awaitApplied", 1).ok());
        assertTrue("topology export", viewer.exec(TOPOLOGY, "export").ok());

        assertForbidden(viewer.exec(WIRES, "connect", "nosuch/eth0", "nothere/eth0"));
        assertForbidden(viewer.exec(WIRES, "disconnect", 999999));
        assertForbidden(viewer.exec(TOPOLOGY, "apply", "hosts: [unclosed"));
        assertForbidden(viewer.readReply(SYSTEM, "Name"));
        assertForbidden(viewer.readReply(BUNDLES, "Bundles"));
        assertForbidden(viewer.readReply(RUNTIME, "Uptime"));
        assertForbidden(viewer.exec(DIAGNOSTIC, "vmVersion"));
    }

    @Test
    public void anOperatorChangesWiresButNotTheAppliance() throws IOException {
        Jolokia operator = as(OPERATOR);
        HostId host = HostId.of("acl");
        admin().addHost(host, Lab.LOCAL, null);
        for (String sw : List.of("aclsw1", "aclsw2")) {
            admin().addGuest(GuestId.of(sw), GuestKind.SWITCH, host);
            admin().addEndpoint(EndpointId.parse(sw + "/p1"), null, null, null);
        }
        try {
            int id = operator.exec(WIRES, "connect", "aclsw1/p1", "aclsw2/p1").orFail().asInt();
            assertTrue(operator.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());
            assertTrue("the wire is there", wires().wires().stream().anyMatch(w -> w.id().vni() == id));
            operator.exec(WIRES, "disconnect", id).orFail();
            assertTrue("the wire is gone", wires().wires().stream().noneMatch(w -> w.id().vni() == id));
        } finally {
            for (String sw : List.of("aclsw1", "aclsw2")) {
                admin().removeGuest(GuestId.of(sw));
            }
            awaitApplied();
            admin().removeHost(host);
            afterRemoval(false);
        }

        assertForbidden(operator.readReply(SYSTEM, "Name"));
        assertForbidden(operator.exec(SYSTEM, "halt(java.lang.String)", "not-a-time"));
        assertForbidden(operator.exec(BUNDLES, "uninstall(java.lang.String)", "999999"));
        assertForbidden(operator.exec(KARS, "install(java.lang.String)", "file:/nonexistent/vwi.kar"));
        assertForbidden(operator.exec(FEATURES, "installFeature(java.lang.String)", "vwi-no-such-feature"));
        assertForbidden(operator.exec(DIAGNOSTIC, "vmVersion"));
        assertForbidden(operator.exec(DIAGNOSTIC, "jvmtiAgentLoad", List.of(NO_AGENT)));
    }

    @Test
    public void adminDoesTheRestButLoadsNoAgent() throws IOException {
        Jolokia admin = jolokia();
        assertEquals("root", admin.read(SYSTEM, "Name").asText());
        assertTrue(admin.read(BUNDLES, "Bundles").size() > 0);
        assertTrue(admin.exec(DIAGNOSTIC, "vmVersion").orFail().asText().contains("JDK"));
        assertForbidden(admin.exec(DIAGNOSTIC, "jvmtiAgentLoad", List.of(NO_AGENT)));
    }

    @Test
    public void aUserWithoutRoleLogsInButReadsNothing() throws IOException {
        Jolokia nobody = as(NOBODY);
        assertEquals("logged in", 200, nobody.status("/version", true));
        assertForbidden(nobody.readReply(WIRES, "Wires"));
    }

    @Test
    public void aWebPageIsRefusedEvenWithTheAdminsLogin() throws IOException {
        Jolokia page = jolokia().withHeader("Origin", "http://attacker.example");
        Jolokia.Reply r = page.readReply(WIRES, "Wires");
        assertEquals("refused: " + r, 403, r.status());
        assertTrue(r.error(), r.error().contains("Origin http://attacker.example is not allowed"));
    }

    /**
     * A web page of another site can make the browser send a GET with its cached login and neither Origin nor
     * Referer ({@code <img src=".../jolokia/exec/..." referrerpolicy=no-referrer>}): an exec over GET is refused
     * and does not run, the same exec over POST runs; reads over GET still answer.
     */
    @Test
    public void stateChangesNeedPost() throws IOException {
        Jolokia operator = as(OPERATOR);
        HostId host = HostId.of("csrf");
        admin().addHost(host, Lab.LOCAL, null);
        for (String sw : List.of("csrfsw1", "csrfsw2")) {
            admin().addGuest(GuestId.of(sw), GuestKind.SWITCH, host);
            admin().addEndpoint(EndpointId.parse(sw + "/p1"), null, null, null);
        }
        try {
            int id = operator.exec(WIRES, "connect", "csrfsw1/p1", "csrfsw2/p1").orFail().asInt();
            assertTrue(operator.exec(WIRES, "awaitApplied", 60).orFail().asBoolean());

            Jolokia.Reply get = get(OPERATOR, "/exec/" + WIRES + "/disconnect/" + id);
            assertEquals("an exec over GET is refused: " + get, 403, get.status());
            assertTrue(get.error(), get.error().contains("use POST"));
            assertTrue("the wire is still there after the GET", wires().wires().stream().anyMatch(w -> w.id().vni() == id));
            Jolokia.Reply admins = get("karaf", "/exec/" + WIRES + "/disconnect/" + id);
            assertEquals("refused whatever the roles: " + admins, 403, admins.status());
            assertTrue("still there", wires().wires().stream().anyMatch(w -> w.id().vni() == id));
            Jolokia.Reply halt = get("karaf", "/exec/" + SYSTEM + "/halt(java.lang.String)/not-a-time");
            assertEquals("Karaf's halt over GET: " + halt, 403, halt.status());
            assertTrue(halt.error(), halt.error().contains("use POST"));

            Jolokia.Reply read = get(OPERATOR, "/read/" + WIRES + "/Wires");
            assertEquals("a read over GET answers: " + read, 200, read.status());
            assertTrue("the wire is listed", read.value().toString().contains("csrfsw1/p1"));
            assertEquals("version over GET", 200, get(OPERATOR, "/version").status());
            Jolokia.Reply jsonp = get(OPERATOR, "/read/" + WIRES + "/Wires?callback=steal");
            assertEquals("JSONP, which another site's script tag could read: " + jsonp, 403, jsonp.status());

            // the topology page's POST carries its own Origin (the Host it was loaded from): allowed, another is not
            String own = "http://localhost:" + port();
            assertTrue("the appliance's own origin", operator.withHeader("Origin", own).readReply(WIRES, "Wires").ok());
            Jolokia.Reply other = operator.withHeader("Origin", "http://localhost:1").exec(WIRES, "disconnect", id);
            assertEquals("another port is another site: " + other, 403, other.status());
            assertTrue("still there", wires().wires().stream().anyMatch(w -> w.id().vni() == id));

            operator.withHeader("Origin", own).exec(WIRES, "disconnect", id).orFail();
            assertTrue("the POST ran: the wire is gone", wires().wires().stream().noneMatch(w -> w.id().vni() == id));
        } finally {
            for (String sw : List.of("csrfsw1", "csrfsw2")) {
                admin().removeGuest(GuestId.of(sw));
            }
            awaitApplied();
            admin().removeHost(host);
            afterRemoval(false);
        }
    }

    @Test
    public void withoutTheRestrictorNobodyGetsIn() throws Exception {
        Jolokia admin = jolokia();
        Bundle restrictor = bundle("org.virtualwire.jolokia");
        restrictor.stop();
        try {
            Jolokia.Reply r = admin.readReply(WIRES, "Wires");
            assertEquals("refused: " + r, 403, r.status());
        } finally {
            restrictor.start();
        }
        eventually(SERVICE_TIMEOUT, () -> admin.readReply(WIRES, "Wires").ok(), "Jolokia answers again");
    }

    /** Refused by the access policy, not run and failed: Jolokia's 403 "... forbidden for MBean ...". */
    private static void assertForbidden(Jolokia.Reply r) {
        assertEquals("refused by the access policy: " + r, 403, r.status());
        assertTrue("refused by the access policy: " + r, r.error().contains("forbidden"));
    }

    private Jolokia as(String user) throws IOException {
        Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), "users.properties"))) {
            users.load(in);
        }
        return jolokia(user, users.getProperty(user).split(",")[0]);
    }

    /**
     * A GET as a browser sends it for an image: no Origin, no Referer, the login it has cached.
     *
     * @param user a user of etc/users.properties
     * @param path a Jolokia GET path, e.g. {@code /read/<mbean>/<attribute>}
     * @return Jolokia's answer (its status: 403 when refused)
     */
    private Jolokia.Reply get(String user, String path) throws IOException {
        String password = "karaf".equals(user) ? "karaf" : users().getProperty(user).split(",")[0];
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/jolokia" + path))
                .timeout(Duration.ofSeconds(60)).GET()
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> resp = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                return new Jolokia.Reply(resp.statusCode(), null, "HTTP " + resp.statusCode() + ": " + resp.body());
            }
            String text = resp.body().trim();
            if (!text.startsWith("{") && text.indexOf('(') >= 0) { // a JSONP answer: callback({...});
                text = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
            }
            JsonNode body = new ObjectMapper().readTree(text);
            return new Jolokia.Reply(body.path("status").asInt(), body.get("value"), body.path("error").asText(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String port() throws IOException {
        Properties web = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), "org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        return web.getProperty("org.osgi.service.http.port");
    }

    private static Properties users() throws IOException {
        Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), "users.properties"))) {
            users.load(in);
        }
        return users;
    }

    private static String password() {
        return UUID.randomUUID().toString();
    }
}
