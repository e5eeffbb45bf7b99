package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.WireId;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.core.impl.topology.TopologyManager;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * A host made again in another cloud under its name, and back (issue 18, item 5): its link to the underlay must
 * go to its new cloud's underlay, so that removing the old cloud's underlay leaves it connected; and its status
 * must come from what the kernel has.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostRebuildTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("hr");
    private static final Duration APPLIED = Duration.ofSeconds(30);
    static final String TWO_HOSTS = """
            hosts:
              - {name: h1, address: 198.18.0.1}
              - {name: h2, address: 198.18.0.2}
            guests:
              - {name: web1, host: h1, nics: [{name: eth0, ip: 10.99.0.1/24}]}
              - {name: web2, host: h2, nics: [{name: eth0, ip: 10.99.0.2/24}]}
            wires:
              - [web1/eth0, web2/eth0]
            """;
    private static final String H1_IN_C1 = """
            clouds:
              - {name: c1, driver: local, properties: {subnet: 198.18.8.0/24}}
            hosts:
              - {name: h1, cloud: c1, address: 198.18.8.1}
              - {name: h2, address: 198.18.0.2}
            guests:
              - {name: web1, host: h1, nics: [{name: eth0, ip: 10.99.0.1/24}]}
              - {name: web2, host: h2, nics: [{name: eth0, ip: 10.99.0.2/24}]}
            """;
    @TempDir
    Path data;
    private LocalLab lab;
    private WireManager manager;
    private TopologyManager topology;

    @BeforeEach
    void start() {
        lab = new LocalLab(PREFIX, data);
        manager = lab.start();
        topology = new TopologyManager(manager, manager);
    }

    @AfterEach
    void stop() {
        lab.stop();
    }

    private void apply(String doc) {
        topology.apply(doc, "t.yaml");
        assertTrue(manager.awaitApplied(APPLIED));
    }

    private boolean webPings() {
        return LocalLab.ping(lab.guestNs("web1"), "-c", "3", "-i", "0.2", "-W", "2", "10.99.0.2");
    }

    @Test
    void aHostMadeAgainInAnotherCloudAndBackIsOnItsCloudsUnderlay() throws Exception {
        apply(H1_IN_C1);
        inC1();
        apply(TWO_HOSTS);
        // c1 is no longer desired: its underlay goes, and h1's link to the underlay must not go with it
        awaitGone(PREFIX + "u-c1");
        inLocal();
        apply(H1_IN_C1);
        inC1();
        apply(TWO_HOSTS);
        awaitGone(PREFIX + "u-c1");
        inLocal();
    }

    private void inC1() throws Exception {
        assertTrue(KERNEL.links(PREFIX + "u-c1").stream()
                .anyMatch(l -> l.name().equals(LocalNames.underlayPort("198.18.8.1"))), "h1 is plugged into c1's underlay");
        assertFalse(LocalLab.ping(lab.hostNs("h1"), "-c", "1", "-W", "1", "198.18.0.2"),
                "h1 in c1 cannot reach h2 of cloud local: " + KERNEL.exec(lab.hostNs("h1"), "ip", "addr"));
        assertEquals(Health.UP, manager.status(HostId.of("h1")).health());
    }

    private void inLocal() throws Exception {
        assertTrue(KERNEL.links(lab.hostNs("h1")).stream().anyMatch(l -> l.name().equals(LocalNames.UPLINK)),
                "h1 has its link to the underlay: " + KERNEL.exec(lab.hostNs("h1"), "ip", "link"));
        assertTrue(LocalLab.ping(lab.hostNs("h1"), "-c", "3", "-i", "0.2", "-W", "2", "198.18.0.2"),
                "h1 reaches h2 on the underlay");
        assertFalse(KERNEL.exec(lab.hostNs("h1"), "ip", "addr").contains("198.18.8.1"), "h1 kept c1's address");
        assertTrue(webPings(), "the wire carries");
        assertEquals(Health.UP, manager.status(HostId.of("h1")).health());
        WireId wire = manager.wires().get(0).id();
        assertEquals(Health.UP, manager.status(wire).health());
    }

    private static void awaitGone(String ns) throws InterruptedException {
        long deadline = System.nanoTime() + APPLIED.toNanos();
        while (KERNEL.netnsExists(ns) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(!KERNEL.netnsExists(ns), ns + " was never swept");
    }
}
