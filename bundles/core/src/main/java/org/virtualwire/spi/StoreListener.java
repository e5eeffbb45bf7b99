package org.virtualwire.spi;

/** Told when the stored desired state changes. */
@FunctionalInterface
public interface StoreListener {
    /**
     * @param before the state before the change
     * @param after the state now stored
     */
    void changed(Topology before, Topology after);
}
