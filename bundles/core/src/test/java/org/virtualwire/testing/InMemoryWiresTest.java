package org.virtualwire.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireService;
import org.virtualwire.core.impl.FakeCloudDriver;
import org.virtualwire.core.impl.FakeTunnelProvider;
import org.virtualwire.core.impl.WireManager;

/**
 * The shared fixture against the real controller (over {@link InMemoryStore}, with drivers that touch no kernel):
 * the mistakes the modules' tests make are refused by both with the same field and the same words, and change
 * nothing in either. Tests elsewhere expect the fixture's words, so this is where a change of the controller's
 * wording shows.
 */
class InMemoryWiresTest {
    private final WireManager real = new WireManager(new InMemoryStore(), 1, WireId.MAX_VNI);
    private final InMemoryWires fake = new InMemoryWires();

    InMemoryWiresTest() {
        FakeCloudDriver driver = new FakeCloudDriver(); // driver and host runtime in one
        real.addDriver(driver);
        real.addRuntime(driver);
        real.addTunnel(new FakeTunnelProvider());
        real.start();
        InMemoryWires.twoHostsOneWire(real);
        fake.withWire();
    }

    @AfterEach
    void stop() {
        real.stop();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("cloud name taken", a -> a.addCloud(CloudId.of("local"), "local", Map.of())),
                mistake("unknown cloud", a -> a.removeCloud(CloudId.of("nowhere"))),
                mistake("cloud with hosts", a -> {
                    a.addCloud(CloudId.of("lab"), "local", Map.of());
                    a.addHost(HostId.of("h3"), CloudId.of("lab"), null);
                    a.removeCloud(CloudId.of("lab"));
                }),
                mistake("host in unknown cloud", a -> a.addHost(HostId.of("h3"), CloudId.of("aws"), null)),
                mistake("host name taken", a -> a.addHost(HostId.of("h1"), CloudId.of("local"), null)),
                mistake("unknown host", a -> a.removeHost(HostId.of("h9"))),
                mistake("host with guests", a -> a.removeHost(HostId.of("h1"))),
                mistake("guest on unknown host", a -> a.addGuest(GuestId.of("c1"), GuestKind.CONTAINER, HostId.of("h9"))),
                mistake("guest name taken", a -> a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h2"))),
                mistake("unknown guest", a -> a.removeGuest(GuestId.of("sw9"))),
                mistake("guest with a wired NIC", a -> a.removeGuest(GuestId.of("web2"))),
                mistake("NIC of unknown guest", a -> a.addEndpoint(EndpointId.parse("web3/eth0"), null, null, null)),
                mistake("NIC there already", a -> a.addEndpoint(EndpointId.parse("web1/eth0"), null, null, null)),
                mistake("unknown NIC", a -> a.removeEndpoint(EndpointId.parse("web1/eth9"))),
                mistake("wired NIC", a -> a.removeEndpoint(EndpointId.parse("web1/eth0"))),
                mistake("NIC wired twice", a -> {
                    a.addEndpoint(EndpointId.parse("web2/eth1"), null, null, null);
                    a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth1"));
                }),
                mistake("both ends one NIC", a -> a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web1/eth0"))),
                mistake("wire to unknown NIC", a -> a.connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth9"))),
                mistake("unknown wire", a -> a.disconnect(new WireId(7))));
    }

    private static Arguments mistake(String name, Consumer<WireAdminService> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refusedAsTheControllerRefusesIt(String name, Consumer<WireAdminService> change) {
        VirtualWireException expected = refusal(real, real, change);
        VirtualWireException actual = refusal(fake, fake, change);
        assertEquals(expected.getMessage(), actual.getMessage());
        assertEquals(expected.field(), actual.field());
    }

    /** Runs the change in one batch, as the topology does: a refusal in it takes back what went before. */
    private static VirtualWireException refusal(WireService wires, WireAdminService admin, Consumer<WireAdminService> change) {
        String before = picture(wires);
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> admin.batch(change));
        assertEquals(before, picture(wires), "a refused change changes nothing");
        return e;
    }

    @Test
    void buildsWhatTheControllerBuilds() {
        assertEquals(picture(real), picture(fake));
    }

    @Test
    void activatedMoveAndCountersAsSet() {
        fake.moveGuest(GuestId.of("web1"), HostId.of("h2"));
        assertEquals(HostId.of("h2"), fake.guest(GuestId.of("web1")).orElseThrow().host());
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> fake.moveGuest(GuestId.of("web1"), HostId.of("h9")));
        assertEquals("unknown host 'h9'", e.getMessage());
        fake.counting(new EndCounters(1, 2, 3, 4, 5), EndCounters.ZERO);
        assertEquals(2, fake.counters(new WireId(1)).a().sentBytes());
    }

    /** The names and relations both keep: hosts with clouds and addresses, guests with hosts, NICs, wires. */
    private static String picture(WireService w) {
        return w.clouds().stream().map(c -> c.id().name()).toList() + " "
                + w.hosts().stream().map(h -> h.id() + "@" + h.cloud() + "/" + h.underlayAddress()).toList() + " "
                + w.guests().stream().map(g -> g.id() + ":" + g.kind() + "@" + g.host()).toList() + " "
                + w.endpoints().stream().map(e -> e.id() + "/" + e.mac().text() + "/" + e.address()).toList() + " "
                + w.wires().stream().map(x -> x.id() + ":" + x.a() + "-" + x.b()).toList();
    }
}
