package org.virtualwire.core.impl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Route;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Move;

/**
 * One request's view of the admin API: each change goes to the rules of its kind, which check it and apply it
 * to the one {@link ChangeSet}; a batch applies all its changes there. {@link #fitMtus()} ends the request.
 */
final class ChangeRules implements WireAdminService {
    private final CloudRules clouds;
    private final HostRules hosts;
    private final GuestRules guests;
    private final EndpointRules endpoints;
    private final WireRules wires;
    private final MoveRules moves;
    private final MtuFitting mtu;
    private final ChangeSet changes;

    /** @param unreachable why a host cannot be managed now; empty when it can */
    ChangeRules(ChangeSet changes, PluginRegistry plugins, Function<Host, Optional<String>> unreachable) {
        this.changes = changes;
        InstalledPlugins installed = new InstalledPlugins(plugins);
        mtu = new MtuFitting(changes, installed);
        clouds = new CloudRules(changes, installed);
        hosts = new HostRules(changes, installed);
        guests = new GuestRules(changes, installed);
        endpoints = new EndpointRules(changes, installed);
        wires = new WireRules(changes, installed, unreachable, mtu);
        moves = new MoveRules(changes, unreachable, mtu);
    }

    @Override
    public Cloud addCloud(CloudId id, String driver, Map<String, String> properties) {
        return clouds.add(id, driver, properties);
    }

    @Override
    public void removeCloud(CloudId id) {
        clouds.remove(id);
    }

    @Override
    public Host addHost(HostId id, CloudId cloud, String underlayAddress, String publicAddress) {
        return hosts.add(id, cloud, underlayAddress, publicAddress);
    }

    @Override
    public void removeHost(HostId id) {
        hosts.remove(id);
    }

    @Override
    public Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image) {
        return guests.add(id, kind, host, image);
    }

    @Override
    public Guest addGuest(GuestId id, GuestKind kind, HostId host, VmImage image, List<Route> routes) {
        return guests.add(id, kind, host, image, routes);
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu, String gateway) {
        return endpoints.add(id, mac, address, mtu, gateway);
    }

    @Override
    public void removeGuest(GuestId id) {
        guests.remove(id);
    }

    @Override
    public Endpoint addEndpoint(EndpointId id, String mac, String address, Integer mtu) {
        return endpoints.add(id, mac, address, mtu);
    }

    @Override
    public void removeEndpoint(EndpointId id) {
        endpoints.remove(id);
    }

    @Override
    public Wire connect(EndpointId a, EndpointId b) {
        return wires.connect(a, b);
    }

    @Override
    public Wire connect(EndpointId a, OutsideVtep far) {
        return wires.connect(a, far);
    }

    @Override
    public void disconnect(WireId id) {
        wires.disconnect(id);
    }

    @Override
    public void batch(Consumer<WireAdminService> changes) {
        changes.accept(this);
    }

    Move prepare(GuestId id, HostId to) {
        return moves.prepare(id, to);
    }

    Move advance(GuestId id, Move.Phase from, Move.Phase to) {
        return moves.advance(id, from, to);
    }

    void endMove(GuestId id, boolean rollback) {
        moves.end(id, rollback);
    }

    /** Checks paths and fits segments for the whole request ({@link MtuFitting#fitAll()}); may refuse it. */
    void fitMtus() {
        mtu.fitAll();
    }

    /** Ends the request: MTUs fitted ({@link #fitMtus()}), every guest's next hops on its NICs' subnets. */
    void finish() {
        fitMtus();
        GuestRoutes.checkNextHops(changes);
    }
}
