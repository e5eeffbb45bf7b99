package org.virtualwire.api;

/**
 * Told of each {@link AgentPass} of every host's agent in this JVM. Register one as an OSGi service (whiteboard): the
 * core's controller tells every registered listener. Called on the agent's own thread, between two passes of that
 * host: return quickly, and never call back into the controller's changes from here.
 */
@FunctionalInterface
public interface AgentPassListener {
    /**
     * @param pass a pass that has just ended
     */
    void passed(AgentPass pass);
}
