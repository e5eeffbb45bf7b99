package org.virtualwire.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.Status;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireCounters;
import org.virtualwire.api.WireId;
import org.virtualwire.api.WireListener;
import org.virtualwire.api.WireService;

/** An in-memory stand-in for the wire manager with just enough checks to refuse the usual mistakes. */
class FakeWires implements WireService, WireAdminService, TopologyService {
    final Map<CloudId, Cloud> clouds = new TreeMap<>();
    final Map<HostId, Host> hosts = new TreeMap<>();
    final Map<GuestId, Guest> guests = new TreeMap<>();
    final Map<EndpointId, Endpoint> endpoints = new TreeMap<>();
    final Map<WireId, Wire> wires = new TreeMap<>();
    boolean applies = true;
    int awaits;
    String appliedYaml;
    String appliedSource;
    Path appliedFile;
    TopologyService.Result applyResult = new TopologyService.Result(List.of(), List.of());
    String exported = "hosts: []\n";

    FakeWires() {
        addCloud(CloudId.of("local"), "local", Map.of());
    }

    @Override public List<Cloud> clouds() { return List.copyOf(clouds.values()); }
    @Override public List<Host> hosts() { return List.copyOf(hosts.values()); }
    @Override public List<Guest> guests() { return List.copyOf(guests.values()); }
    @Override public List<Endpoint> endpoints() { return List.copyOf(endpoints.values()); }
    @Override public List<Wire> wires() { return List.copyOf(wires.values()); }
    @Override public Optional<Cloud> cloud(CloudId id) { return Optional.ofNullable(clouds.get(id)); }
    @Override public Optional<Host> host(HostId id) { return Optional.ofNullable(hosts.get(id)); }
    @Override public Optional<Guest> guest(GuestId id) { return Optional.ofNullable(guests.get(id)); }
    @Override public Optional<Endpoint> endpoint(EndpointId id) { return Optional.ofNullable(endpoints.get(id)); }
    @Override public Optional<Wire> wire(WireId id) { return Optional.ofNullable(wires.get(id)); }

    @Override
    public Optional<Wire> wireOf(EndpointId e) {
        return wires.values().stream().filter(w -> w.touches(e)).findFirst();
    }

    @Override
    public Status status(HostId host) {
        need(hosts.containsKey(host), "host", "unknown host " + host);
        return Status.UP;
    }

    @Override
    public Status status(WireId wire) {
        need(wires.containsKey(wire), "wire", "unknown wire " + wire);
        return Status.UP;
    }

    @Override
    public WireCounters counters(WireId wire) {
        need(wires.containsKey(wire), "wire", "unknown wire " + wire);
        return new WireCounters(wire, new EndCounters(10, 1000, 9, 900, 1), new EndCounters(9, 900, 10, 1000, 0, 4));
    }

    @Override
    public boolean awaitApplied(Duration timeout) {
        awaits++;
        return applies;
    }

    @Override public void addListener(WireListener listener) { }
    @Override public void removeListener(WireListener listener) { }

    @Override
    public Cloud addCloud(CloudId id, String driver, Map<String, String> properties) {
        need(!clouds.containsKey(id), "cloud", "cloud name " + id + " is taken");
        Cloud c = new Cloud(id, driver, properties);
        clouds.put(id, c);
        return c;
    }

    @Override
    public void removeCloud(CloudId id) {
        need(clouds.remove(id) != null, "cloud", "unknown cloud " + id);
    }

    @Override
    public Host addHost(HostId id, CloudId cloud, String address, String publicAddress) {
        need(clouds.containsKey(cloud), "cloud", "unknown cloud " + cloud);
        need(!hosts.containsKey(id), "host", "host name " + id + " is taken");
        Host h = new Host(id, cloud, address == null ? "198.18.0." + (hosts.size() + 1) : address, publicAddress);
        hosts.put(id, h);
        return h;
    }

    @Override
    public void removeHost(HostId id) {
        need(hosts.remove(id) != null, "host", "unknown host " + id);
    }

    @Override
    public Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image) {
        need(hosts.containsKey(host), "host", "unknown host " + host);
        need(!guests.containsKey(id), "guest", "guest name " + id + " is taken");
        Guest g = new Guest(id, kind, host, image);
        guests.put(id, g);
        return g;
    }

    @Override
    public void removeGuest(GuestId id) {
        need(guests.remove(id) != null, "guest", "unknown guest " + id);
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu) {
        need(guests.containsKey(id.guest()), "guest", "unknown guest " + id.guest());
        need(!endpoints.containsKey(id), "endpoint", "endpoint " + id + " exists");
        Endpoint e = new Endpoint(id, mac == null ? MacAddress.local(endpoints.size() + 1) : MacAddress.parse(mac),
                address == null ? null : Ipv4Prefix.parse(address), mtu == null ? 1450 : mtu, endpoints.size() + 1);
        endpoints.put(id, e);
        return e;
    }

    @Override
    public void removeEndpoint(EndpointId id) {
        need(endpoints.remove(id) != null, "endpoint", "unknown endpoint " + id);
    }

    @Override
    public Wire connect(EndpointId a, EndpointId b) {
        need(endpoints.containsKey(a), "endpoint", "unknown endpoint " + a);
        need(endpoints.containsKey(b), "endpoint", "unknown endpoint " + b);
        need(!a.equals(b), "endpoint", "both ends are " + a);
        need(wireOf(a).isEmpty(), "endpoint", "endpoint " + a + " is already wired");
        need(wireOf(b).isEmpty(), "endpoint", "endpoint " + b + " is already wired");
        Wire w = new Wire(new WireId(wires.size() + 1), a, b, "vxlan");
        wires.put(w.id(), w);
        return w;
    }

    @Override
    public void disconnect(WireId wire) {
        need(wires.remove(wire) != null, "wire", "unknown wire " + wire);
    }

    @Override
    public void batch(Consumer<WireAdminService> changes) {
        changes.accept(this);
    }

    @Override
    public Result apply(String yaml, String source) {
        appliedYaml = yaml;
        appliedSource = source;
        return applyResult;
    }

    @Override
    public Result applyFile(Path file) {
        appliedFile = file;
        return applyResult;
    }

    @Override
    public String export() {
        return exported;
    }

    /** Builds two hosts, two containers and one wire between them. */
    FakeWires withTwoGuests() {
        addHost(HostId.of("h1"), CloudId.of("local"), null);
        addHost(HostId.of("h2"), CloudId.of("local"), null);
        addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
        addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
        addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
        addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
        connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
        return this;
    }

    private static void need(boolean ok, String field, String message) {
        if (!ok) {
            throw new VirtualWireException(field, message);
        }
    }

    static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n")));
    }
}
