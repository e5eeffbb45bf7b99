package org.virtualwire.core.impl;

import java.util.List;
import java.util.Map;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.VirtualWireException;

/** What a cloud must be to be added or removed: a free name, its driver's consent, and no hosts left to remove it. */
final class CloudRules {
    private final ChangeSet changes;
    private final InstalledPlugins plugins;

    CloudRules(ChangeSet changes, InstalledPlugins plugins) {
        this.changes = changes;
        this.plugins = plugins;
    }

    Cloud add(CloudId id, String driver, Map<String, String> properties) {
        if (changes.clouds().containsKey(id)) {
            throw new VirtualWireException("cloud", "cloud name '" + id + "' is taken");
        }
        Cloud cloud = new Cloud(id, driver, properties);
        plugins.driverOf(cloud).validate(cloud, List.copyOf(changes.clouds().values()));
        changes.add(cloud);
        return cloud;
    }

    void remove(CloudId id) {
        Cloud cloud = changes.cloud(id);
        List<String> in = changes.hosts().values().stream().filter(h -> h.cloud().equals(id)).map(h -> h.id().name())
                .toList();
        if (!in.isEmpty()) {
            throw new VirtualWireException("cloud", "cloud " + id + " still has hosts: " + String.join(", ", in));
        }
        changes.remove(cloud);
    }
}
