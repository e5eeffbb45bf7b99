package org.virtualwire.core.impl;

import org.virtualwire.spi.PluginRegistry;
import org.virtualwire.spi.WireStore;

/**
 * What the two sides of the controller ({@link WireQueries} and {@link WireChanges}) both read: the installed
 * plug-ins and the store. Each is set by OSGi before activation (the registry is the {@link PluginTable}
 * component) or, in a test, left as this state's own table and given by the test's constructor; neither side
 * writes them.
 */
final class ControllerState {
    private final PluginTable own = new PluginTable();
    volatile PluginRegistry plugins = own;
    private volatile WireStore store;

    /** @return the table a test fills, when OSGi gave no registry */
    PluginTable own() {
        if (plugins != own) {
            throw new IllegalStateException("the plug-ins come from OSGi's registry here, not from calls");
        }
        return own;
    }

    WireStore store() {
        return store;
    }

    void store(WireStore store) {
        this.store = store;
    }
}
