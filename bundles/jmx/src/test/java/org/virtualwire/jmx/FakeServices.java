package org.virtualwire.jmx;

import java.time.Duration;
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
import org.virtualwire.api.Health;
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

/** The wire and topology services in memory, refusing the usual mistakes as the real ones do. */
class FakeServices implements WireService, WireAdminService, TopologyService {
    final Map<CloudId, Cloud> clouds = new TreeMap<>(Map.of(CloudId.of("local"), new Cloud(CloudId.of("local"), "local", Map.of())));
    final Map<HostId, Host> hosts = new TreeMap<>();
    final Map<GuestId, Guest> guests = new TreeMap<>();
    final Map<EndpointId, Endpoint> endpoints = new TreeMap<>();
    final Map<WireId, Wire> wires = new TreeMap<>();
    String topologyText = "";
    Duration lastAwait;

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
    @Override public void addListener(WireListener l) { }
    @Override public void removeListener(WireListener l) { }
    @Override public void batch(Consumer<WireAdminService> changes) { changes.accept(this); }

    @Override
    public Optional<Wire> wireOf(EndpointId e) {
        return wires.values().stream().filter(w -> w.touches(e)).findFirst();
    }

    @Override
    public Status status(HostId host) {
        return known(hosts, host, "host") == null ? null : Status.UP;
    }

    @Override
    public Status status(WireId wire) {
        known(wires, wire, "wire");
        return new Status(Health.DEGRADED, "tunnel protocol vxlan is not installed");
    }

    @Override
    public WireCounters counters(WireId wire) {
        known(wires, wire, "wire");
        return new WireCounters(wire, new EndCounters(3, 300, 2, 200, 0), new EndCounters(2, 200, 3, 300, 1, 5));
    }

    @Override
    public boolean awaitApplied(Duration timeout) {
        lastAwait = timeout;
        return true;
    }

    @Override
    public Cloud addCloud(CloudId id, String driver, Map<String, String> properties) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeCloud(CloudId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Host addHost(HostId id, CloudId cloud, String address, String publicAddress) {
        known(clouds, cloud, "cloud");
        free(hosts, id, "host");
        Host h = new Host(id, cloud, address != null ? address : "198.18.0." + (hosts.size() + 1), publicAddress);
        hosts.put(id, h);
        return h;
    }

    @Override
    public void removeHost(HostId id) {
        known(hosts, id, "host");
        hosts.remove(id);
    }

    @Override
    public Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image) {
        known(hosts, host, "host");
        free(guests, id, "guest");
        guests.put(id, new Guest(id, kind, host, image));
        return guests.get(id);
    }

    @Override
    public void removeGuest(GuestId id) {
        known(guests, id, "guest");
        guests.remove(id);
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu) {
        known(guests, id.guest(), "guest");
        free(endpoints, id, "endpoint");
        int slot = endpoints.size() + 1;
        endpoints.put(id, new Endpoint(id, mac == null ? MacAddress.local(slot) : MacAddress.parse(mac),
                address == null ? null : Ipv4Prefix.parse(address), mtu == null ? 1450 : mtu, slot));
        return endpoints.get(id);
    }

    @Override
    public void removeEndpoint(EndpointId id) {
        known(endpoints, id, "endpoint");
        endpoints.remove(id);
    }

    @Override
    public Wire connect(EndpointId a, EndpointId b) {
        known(endpoints, a, "endpoint");
        known(endpoints, b, "endpoint");
        if (wireOf(a).isPresent()) {
            throw new VirtualWireException("endpoint", "endpoint " + a + " is already wired");
        }
        Wire w = new Wire(new WireId(100 + wires.size()), a, b, "vxlan");
        wires.put(w.id(), w);
        return w;
    }

    @Override
    public void disconnect(WireId wire) {
        known(wires, wire, "wire");
        wires.remove(wire);
    }

    @Override
    public Result apply(String yaml, String source) {
        if (yaml.contains("[")) {
            throw new VirtualWireException("hosts", source + " line 1: flow sequences are not allowed");
        }
        topologyText = yaml;
        return new Result(List.of("host h1"), List.of());
    }

    @Override
    public Result applyFile(java.nio.file.Path file) {
        throw new VirtualWireException("file", "cannot read topology file " + file + ": no such file");
    }

    @Override
    public String export() {
        return topologyText;
    }

    /** Two hosts, a container on each, one wire between their eth0s. */
    FakeServices withWire() {
        addHost(HostId.of("h1"), CloudId.of("local"), null);
        addHost(HostId.of("h2"), CloudId.of("local"), null);
        addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h1"));
        addGuest(GuestId.of("web2"), GuestKind.CONTAINER, HostId.of("h2"));
        addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
        addEndpoint(EndpointId.parse("web2/eth0"), null, "10.99.0.2/24", null);
        connect(EndpointId.parse("web1/eth0"), EndpointId.parse("web2/eth0"));
        return this;
    }

    private static <K, V> V known(Map<K, V> map, K key, String what) {
        V v = map.get(key);
        if (v == null) {
            throw new VirtualWireException(what, "unknown " + what + " " + key);
        }
        return v;
    }

    private static <K> void free(Map<K, ?> map, K key, String what) {
        if (map.containsKey(key)) {
            throw new VirtualWireException(what, what + " name " + key + " is taken");
        }
    }
}
