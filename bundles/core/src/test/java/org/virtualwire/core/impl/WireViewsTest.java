package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireView;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.Topology;

/** The listing read ({@code vw:wire-list}, the wires MBean): every wire with its hosts, MTU and status from one revision. */
class WireViewsTest {
    @TempDir
    Path data;
    private final Thread test = Thread.currentThread();
    /** Reads of the desired state by this test's thread (the agents read it too, in theirs). */
    private final AtomicInteger reads = new AtomicInteger();
    private final FakeCloudDriver driver = new FakeCloudDriver();
    private final FakeTunnelProvider tunnel = new FakeTunnelProvider();
    private WireManager manager;

    @BeforeEach
    void setUp() {
        manager = new WireManager(new FileWireStore(data) {
            @Override
            public Topology current() {
                if (Thread.currentThread() == test) {
                    reads.incrementAndGet();
                }
                return super.current();
            }
        }, 1, 100);
        manager.addDriver(driver);
        manager.addRuntime(driver);
        manager.addTunnel(tunnel);
        manager.start();
        manager.batch(a -> {
            a.addHost(HostId.of("h1"), CloudId.of("local"), null);
            a.addHost(HostId.of("h2"), CloudId.of("local"), null);
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
            a.addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, null, 1400);
            a.addEndpoint(EndpointId.parse("web2/eth0"), null, null, null);
            a.addEndpoint(EndpointId.parse("web1/eth1"), null, null, null);
            a.addEndpoint(EndpointId.parse("web2/eth1"), null, null, null);
        });
    }

    @AfterEach
    void tearDown() {
        manager.stop();
    }

    @Test
    void everyWireComesWithItsHostsMtuAndStatusFromOneRead() {
        Wire w1 = manager.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
        Wire w2 = manager.connect(EndpointId.parse("web1/eth1"), EndpointId.parse("web2/eth1"));
        assertTrue(manager.awaitApplied(Duration.ofSeconds(10)));
        reads.set(0);
        List<WireView> views = manager.wireViews();
        assertEquals(1, reads.get(), "one revision for the whole listing");
        assertEquals(List.of(w1, w2), views.stream().map(WireView::wire).toList());
        for (WireView v : views) {
            assertEquals(List.of(HostId.of("h1"), HostId.of("h2")), List.of(v.hostA(), v.hostB()));
            assertEquals(manager.status(v.wire().id()), v.status());
            assertEquals(Health.UP, v.status().health());
            assertEquals(Math.min(manager.endpoint(v.wire().a()).orElseThrow().mtu(),
                    manager.endpoint(v.wire().b()).orElseThrow().mtu()), v.mtu());
        }
        assertEquals(1400, views.get(0).mtu(), "the smaller NIC's MTU");
    }
}
