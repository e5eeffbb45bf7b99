package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;

/**
 * The live topology page (feature virtualwire-web) in a real browser, headless Chromium, on the running appliance:
 * what it draws matches {@code vw:wire-list}, a wire disconnected over Jolokia leaves the picture within a second, a
 * migration is drawn step by step on its guest, and only a user whom the JMX ACLs allow operations is offered them.
 * The page's model is read from its {@code data-model} attribute; a screenshot is left in
 * {@code itests/target/topology-page.png}.
 */
public class TopologyPageIT extends VirtualWireTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WIRES = "org.virtualwire:type=wires,name=default";
    private static final String MIGRATIONS = "org.virtualwire:type=migrations,name=default";
    private static final String VIEWER = "vwi-page-viewer";
    private static final String MODEL = "JSON.parse(document.getElementById('graph').dataset.model || '{}')";

    private Lab.Wires lab;

    /** @return the appliance, a viewer, and where the screenshots go */
    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", VIEWER, "viewer-secret,_g_:viewergroup"),
                systemProperty("vw.itest.target").value(System.getProperty("project.build.directory", "target")));
    }

    @Before
    public void buildLab() {
        lab = Lab.build(admin());
        admin().addHost(Lab.NORTH, Lab.LOCAL, null);
        awaitApplied();
    }

    @After
    public void clearLab() {
        removeLab();
    }

    @Test
    public void thePageDrawsTheNetworkFollowsItLiveAndOffersOperationsToOperatorsOnly() throws Exception {
        String base = base();
        // behind the login; the session says what the ACLs allow each user
        assertEquals(401, get(base + "/virtualwire/", null).statusCode());
        JsonNode admin = JSON.readTree(get(base + "/virtualwire/session", "karaf:karaf").body());
        JsonNode viewer = JSON.readTree(get(base + "/virtualwire/session", VIEWER + ":viewer-secret").body());
        assertTrue("karaf may connect, disconnect, migrate: " + admin, admin.path("may").path("connect").asBoolean()
                && admin.path("may").path("disconnect").asBoolean() && admin.path("may").path("migrate").asBoolean());
        assertFalse("a viewer may not: " + viewer, viewer.path("may").path("connect").asBoolean()
                || viewer.path("may").path("disconnect").asBoolean() || viewer.path("may").path("migrate").asBoolean());

        try (Chromium browser = Chromium.start("karaf", "karaf")) {
            browser.open(base + "/virtualwire/");
            JsonNode model = await(browser, m -> m.path("polls").asInt() > 0, Duration.ofSeconds(30), "the page drew the network");
            assertEquals("the operator's actions are shown to karaf", "false",
                    browser.eval("String(document.getElementById('operator').hidden)").asText());

            // what the page draws is what vw:wire-list lists, and every guest on its host
            awaitEdges(browser, wireList());
            for (Guest g : wires().guests()) {
                assertEquals("guest " + g.id().name() + " drawn on its host", "host:" + g.host().name(),
                        node(model, "guest:" + g.id().name()).path("parent").asText());
            }
            for (Host h : wires().hosts()) {
                assertEquals("host " + h.id().name() + " in its cloud", "cloud:" + h.cloud().name(),
                        node(model, "host:" + h.id().name()).path("parent").asText());
            }

            // a wire disconnected over Jolokia leaves the picture within a second
            String gone = Integer.toString(lab.charlieSw().vni());
            assertTrue(jolokia().exec(WIRES, "disconnect", gone).ok());
            long disconnected = System.nanoTime();
            await(browser, m -> !edges(m).stream().anyMatch(e -> e.startsWith(gone + " ")), Duration.ofSeconds(5),
                    "wire " + gone + " gone from the page");
            double tookMillis = (System.nanoTime() - disconnected) / 1e6;
            System.out.printf("wire %s left the page %.0f ms after its disconnect returned%n", gone, tookMillis);
            assertTrue("wire gone from the page within a second, took " + tookMillis + " ms", tookMillis < 1000);
            awaitApplied();
            awaitEdges(browser, wireList());

            // a migration in flight, started over JMX under a probe from alpha (through the switch): drawn on its
            // guest, step by step (the page polling every 50 ms to see them), then its outcome with the probe's gap
            browser.open(base + "/virtualwire/?poll=50");
            await(browser, m -> m.path("polls").asInt() > 0, Duration.ofSeconds(30), "the page drew the network again");
            CompletableFuture<Jolokia.Reply> migration = CompletableFuture.supplyAsync(() -> {
                try {
                    return jolokia().exec(MIGRATIONS, "migrateWithProbe", "bravo", Lab.NORTH.name(), "alpha/eth0", "", 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Set<String> steps = new LinkedHashSet<>();
            Path shots = Path.of(System.getProperty("vw.itest.target", "target"));
            while (!migration.isDone()) {
                String step = browser.eval(MODEL).path("migrating").path("bravo").path("step").asText("");
                if (!step.isEmpty() && steps.add(step) && steps.size() == 1) {
                    browser.screenshot(shots.resolve("topology-page-migrating.png"));
                }
                Thread.sleep(10);
            }
            Jolokia.Reply done = migration.join();
            assertTrue("migration: " + done, done.ok()
                    && done.value().path("migration").path("outcome").asText().equals("SUCCEEDED"));
            System.out.println("migration steps the page showed on bravo: " + steps);
            assertFalse("the page showed bravo's migration while it ran", steps.isEmpty());
            await(browser, m -> node(m, "guest:bravo").path("parent").asText().equals("host:north")
                    && m.path("migrating").path("bravo").isMissingNode(), Duration.ofSeconds(5), "bravo drawn on north, done");
            JsonNode probed = await(browser, m -> m.path("recent").path("bravo").path("text").asText().contains(", gap "),
                    Duration.ofSeconds(5), "bravo's migration (started over JMX) shown with its probe gap from the history");
            System.out.println("the page after bravo's probed migration over JMX: "
                    + probed.path("recent").path("bravo").path("text").asText());
            awaitApplied();
            awaitEdges(browser, wireList());

            // an operator drags echo onto north: migrated, with delta (wired to it, with an address) probing it
            JsonNode before = browser.eval(MODEL);
            JsonNode echo = node(before, "guest:echo").path("pos");
            JsonNode north = node(before, "host:north").path("pos");
            browser.drag(echo.path("x").asInt(), echo.path("y").asInt(), north.path("x").asInt(), north.path("y").asInt());
            JsonNode moved = await(browser, m -> node(m, "guest:echo").path("parent").asText().equals("host:north")
                    && m.path("recent").path("echo").path("text").asText().contains(" in "), Duration.ofSeconds(60),
                    "echo dragged to north, migrated");
            // the outcome may be drawn (from the history) a moment before the probe's result joins it
            moved = await(browser, m -> m.path("recent").path("echo").path("text").asText().contains(", gap "),
                    Duration.ofSeconds(5), "echo's migration shown with its probe gap");
            String outcome = moved.path("recent").path("echo").path("text").asText();
            System.out.println("the page after dragging echo to north: " + outcome);
            assertTrue("echo's migration shown with its probe gap: " + outcome,
                    outcome.startsWith("SUCCEEDED in ") && outcome.contains(", gap "));
            assertEquals("echo runs on north", "north", wires().guest(org.virtualwire.api.GuestId.of("echo")).get().host().name());
            awaitApplied();
            awaitEdges(browser, wireList());
            browser.screenshot(shots.resolve("topology-page.png"));
        }
    }

    /**
     * The metrics endpoint's servlet, on an exact path below the page's ({@code /virtualwire/metrics}), gets its
     * requests, and the page still gets the rest.
     */
    @Test
    public void theMetricsServletBelowThePageStillGetsItsRequests() throws Exception {
        String base = base();
        eventually(SERVICE_TIMEOUT, () -> {
            try {
                HttpResponse<String> metrics = get(base + "/virtualwire/metrics", "karaf:karaf");
                return metrics.statusCode() == 200 && metrics.body().contains("# TYPE virtualwire_");
            } catch (Exception e) {
                return false;
            }
        }, "/virtualwire/metrics answered by the metrics servlet");
        HttpResponse<String> page = get(base + "/virtualwire/", "karaf:karaf");
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("<title>VirtualWire: topology</title>"));
        assertEquals(401, get(base + "/virtualwire/other", null).statusCode());
    }

    /** Waits (5 s at most) for the page to draw these wires: it shows each poll's read, a status may be on its way. */
    private static void awaitEdges(Chromium browser, Set<String> expected) throws InterruptedException {
        try {
            await(browser, m -> edges(m).equals(expected), Duration.ofSeconds(5), "the wires of vw:wire-list drawn");
        } catch (AssertionError e) {
            assertEquals(e.getMessage(), expected, edges(browser.eval(MODEL)));
        }
    }

    /** @return the page's wires as "id a b status mtu", sorted */
    private static Set<String> edges(JsonNode model) {
        Set<String> edges = new TreeSet<>();
        model.path("edges").forEach(e -> edges.add(e.path("id").asText() + " " + e.path("a").asText() + " "
                + e.path("b").asText() + " " + e.path("status").asText() + " " + e.path("mtu").asText()));
        return edges;
    }

    /** @return {@code vw:wire-list --json} as "id a b status mtu", sorted */
    private Set<String> wireList() throws Exception {
        String out = console("vw:wire-list --json");
        JsonNode list = JSON.readTree(out.substring(out.indexOf('['), out.lastIndexOf(']') + 1));
        Set<String> wires = new TreeSet<>();
        list.forEach(w -> wires.add(w.path("id").asText() + " " + w.path("a").asText() + " " + w.path("b").asText() + " "
                + w.path("status").asText() + " " + w.path("mtu").asText()));
        return wires;
    }

    private static JsonNode node(JsonNode model, String id) {
        for (JsonNode n : model.path("nodes")) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no node " + id + " on the page: " + model.path("nodes"));
    }

    /** Polls the page's model every 10 ms until the condition holds. */
    private static JsonNode await(Chromium browser, Predicate<JsonNode> condition, Duration timeout, String what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode m = browser.eval(MODEL);
        List<String> errors = new ArrayList<>();
        while (!safely(condition, m, errors)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what + "; the page shows "
                        + browser.eval("document.getElementById('summary').textContent").asText() + ", model " + m
                        + (errors.isEmpty() ? "" : ", " + errors.get(errors.size() - 1)));
            }
            Thread.sleep(10);
            m = browser.eval(MODEL);
        }
        return m;
    }

    private static boolean safely(Predicate<JsonNode> condition, JsonNode m, List<String> errors) {
        try {
            return condition.test(m);
        } catch (AssertionError e) {
            errors.add(e.getMessage());
            return false;
        }
    }

    private static String base() throws Exception {
        Properties web = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), "org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        return "http://localhost:" + web.getProperty("org.osgi.service.http.port");
    }

    private static HttpResponse<String> get(String url, String login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (login != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
