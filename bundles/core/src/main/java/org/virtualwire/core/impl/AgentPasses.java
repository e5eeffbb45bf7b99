package org.virtualwire.core.impl;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.AgentPass;
import org.virtualwire.api.AgentPassListener;

/**
 * The agents' passes told to whoever listens (the metrics bundle's histogram). A listener is no plug-in of the
 * data plane: its coming and going changes nothing the agents do, and one that throws is logged and keeps neither
 * the others nor the agent from going on.
 */
final class AgentPasses implements Consumer<AgentPass> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentPasses.class);
    /** Tells no one: for agents built without listeners. */
    static final Consumer<AgentPass> NONE = p -> { };

    private final CopyOnWriteArrayList<AgentPassListener> listeners = new CopyOnWriteArrayList<>();

    void add(AgentPassListener listener) {
        listeners.add(listener);
    }

    void remove(AgentPassListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void accept(AgentPass pass) {
        for (AgentPassListener l : listeners) {
            try {
                l.passed(pass);
            } catch (RuntimeException e) {
                LOG.warn("Agent pass listener {} failed: {}", l, e.toString());
            }
        }
    }
}
