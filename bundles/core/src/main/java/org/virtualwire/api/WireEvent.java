package org.virtualwire.api;

/**
 * A change of the desired state.
 *
 * @param type what happened
 * @param subject the cloud, host, guest, endpoint or wire concerned
 */
public record WireEvent(Type type, Object subject) {
    /** Kinds of change. */
    public enum Type {
        /** Something was added. */
        ADDED,
        /** Something was removed. */
        REMOVED,
        /** Something changed in place (a guest moved host). */
        UPDATED
    }
}
