package org.virtualwire.core.impl;

import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.CloudDriver;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Host;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Topology;

/**
 * A change set for the rules' unit tests: the local cloud (driver {@link FakeCloudDriver}, tunnel
 * {@link FakeTunnelProvider}) and the rules over it, without a store or agents.
 */
final class ChangeFixture {
    static final CloudId LOCAL = CloudId.of("local");
    static final Function<Host, Optional<String>> REACHABLE = h -> Optional.empty();

    final FakeCloudDriver driver = new FakeCloudDriver();
    final PluginTable plugins = new PluginTable();
    final InstalledPlugins installed = new InstalledPlugins(plugins);
    final ChangeSet changes;
    final MtuFitting mtu;

    ChangeFixture() {
        this(new Topology(1, Map.of(LOCAL, new Cloud(LOCAL, "local", Map.of())), Map.of(), Map.of(), Map.of(), Map.of()));
    }

    ChangeFixture(Topology base) {
        plugins.add((CloudDriver) driver);
        plugins.add((HostRuntime) driver);
        plugins.add(new FakeTunnelProvider());
        changes = new ChangeSet(base, 1, WireId.MAX_VNI, VniPool.History.fresh());
        mtu = new MtuFitting(changes, installed);
    }

    /** @return the rules of every kind over this change set, all hosts reachable */
    ChangeRules rules() {
        return new ChangeRules(changes, plugins, REACHABLE);
    }

    static EndpointId ep(String name) {
        return EndpointId.parse(name);
    }
}
