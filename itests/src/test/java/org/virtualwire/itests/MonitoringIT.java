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
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/**
 * Watching a running appliance from outside. Prometheus' view: {@code GET /virtualwire/metrics} over HTTP as a
 * scraper with a viewer user of its own, the per-wire kernel counters growing after pings, the agents' pass
 * histogram, and the login (401 without credentials, 403 for a user without the viewer role). And the Hawtio console
 * (feature virtualwire-console, installed from the distribution): its page answers, its Jolokia lets the admin in
 * and keeps the viewer out.
 */
public class MonitoringIT extends VirtualWireTestSupport {
    private static final String SCRAPER = "vwi-prometheus";
    private static final String NOBODY = "vwi-nobody";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/users.properties", SCRAPER, UUID.randomUUID() + ",_g_:viewergroup"),
                editConfigurationFilePut("etc/users.properties", NOBODY, UUID.randomUUID().toString()));
    }

    @After
    public void clearLab() {
        removeLab();
    }

    @Test
    public void perWireCountersGrowAfterPings() throws Exception {
        // served first: the pass histogram counts the passes told to it, from the metrics bundle's start on
        scrapeWhenServed(SCRAPER);
        Lab.Wires lab = Lab.build(admin());
        awaitApplied();
        assertTrue(Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));
        String wire = String.valueOf(lab.deltaEcho().vni());
        String before = scrape(SCRAPER, null).body();
        long packets = packets(before, wire);
        assertTrue("delta's wire counted the first pings:\n" + before, packets > 0);
        assertTrue("the agents' passes are in the histogram:\n" + before,
                before.contains("virtualwire_agent_pass_seconds_count{host=\"east\",outcome=\"succeeded\"}"));
        assertTrue(before.contains("virtualwire_wire_up{health=\"UP\",wire=\"" + wire + "\"} 1.0"));

        assertTrue(Netns.ping(guestNs("delta"), Lab.ECHO_IP)); // 3 echo requests and their 3 replies
        String after = scrape(SCRAPER, null).body();
        long more = packets(after, wire);
        assertTrue("6 more frames each way at least, " + packets + " before, " + more + " after", more >= packets + 6);
    }

    @Test
    public void scrapersLogInAsViewers() throws Exception {
        scrapeWhenServed(SCRAPER);
        assertEquals(401, get(null, null).statusCode());
        assertEquals("Basic realm=\"karaf\"", get(null, null).headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(403, get(NOBODY, null).statusCode());
        HttpResponse<String> open = scrape(SCRAPER, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertTrue(open.headers().firstValue("Content-Type").orElse(""), open.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/openmetrics-text"));
        assertTrue(open.body().endsWith("# EOF\n"));
        assertTrue(open.body(), open.body().contains("# TYPE virtualwire_migration_pause_seconds histogram"));
    }

    @Test
    public void hawtioConsoleInstallsAndItsPageAnswers() throws Exception {
        scrapeWhenServed(SCRAPER); // the HTTP service is up
        featuresService.installFeature("virtualwire-console", noRefresh());
        String base = "http://localhost:" + httpPort() + "/hawtio";
        eventually(SERVICE_TIMEOUT, () -> status(base + "/auth/login", null) == 200, "Hawtio's login page answers");
        assertEquals("the console's page sends who is not logged in to its login", 302, status(base + "/", null));
        eventually(SERVICE_TIMEOUT, () -> status(base + "/jolokia/version", "karaf") == 200,
                "Hawtio's Jolokia answers the admin");
        // Hawtio's own Jolokia does not ask the JMX ACLs: only admins may log in to it (etc/custom.system.properties)
        assertEquals(403, status(base + "/jolokia/read/java.lang:type=Runtime/Uptime", SCRAPER));
        assertEquals(403, status(base + "/jolokia/version", null));
        featuresService.uninstallFeature("virtualwire-console", noRefresh());
    }

    /** @return the HTTP status of a GET, logged in as that user of etc/users.properties (or not), -1 if none */
    private int status(String url, String user) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
            if (user != null) {
                b.header("Authorization", basic(user));
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String basic(String user) throws IOException {
        String credentials = user + ":" + property("users.properties", user).split(",")[0];
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** @return packets sent and received at both ends of a wire, as the exposition has them */
    private static long packets(String text, String wire) {
        Pattern line = Pattern.compile("^virtualwire_wire_(sent|received)_packets_total\\{[^}]*wire=\"" + wire
                + "\"[^}]*\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        long sum = 0;
        int found = 0;
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(2));
            found++;
        }
        assertEquals("sent and received at two ends of wire " + wire + ":\n" + text, 4, found);
        return sum;
    }

    private String scrapeWhenServed(String user) {
        String[] body = new String[1];
        eventually(SERVICE_TIMEOUT, () -> {
            try {
                HttpResponse<String> r = scrape(user, null);
                body[0] = r.body();
                return r.statusCode() == 200;
            } catch (IllegalStateException e) {
                return false; // the HTTP service not up yet
            }
        }, "GET /virtualwire/metrics answers 200");
        return body[0];
    }

    private HttpResponse<String> scrape(String user, String accept) {
        return get(user, accept);
    }

    private HttpResponse<String> get(String user, String accept) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort()
                    + "/virtualwire/metrics")).timeout(Duration.ofSeconds(20)).GET();
            if (user != null) {
                b.header("Authorization", basic(user));
            }
            if (accept != null) {
                b.header("Accept", accept);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET /virtualwire/metrics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String httpPort() throws IOException {
        return property("org.ops4j.pax.web.cfg", "org.osgi.service.http.port");
    }

    private static String property(String file, String key) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), file))) {
            p.load(in);
        }
        return p.getProperty(key);
    }
}
