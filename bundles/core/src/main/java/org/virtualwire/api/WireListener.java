package org.virtualwire.api;

/** Told of each change of the desired state, after it is stored. */
@FunctionalInterface
public interface WireListener {
    /**
     * @param event the change
     */
    void event(WireEvent event);
}
