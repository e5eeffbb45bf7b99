package org.virtualwire.core.impl;

import org.virtualwire.spi.WireStore;

/**
 * What the two sides of the controller ({@link WireQueries} and {@link WireChanges}) both read: the installed
 * plug-ins and the store. The store is set once, by OSGi before activation or by a test's constructor; neither
 * side writes it.
 */
final class ControllerState {
    final PluginTable plugins = new PluginTable();
    private volatile WireStore store;

    WireStore store() {
        return store;
    }

    void store(WireStore store) {
        this.store = store;
    }
}
