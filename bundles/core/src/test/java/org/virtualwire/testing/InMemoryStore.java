package org.virtualwire.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.virtualwire.api.HostId;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.StoreListener;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;

/** An in-memory store: enough of one for the gateway, which only reads the desired state and listens. */
public final class InMemoryStore implements WireStore {

    private volatile Topology current = Topology.EMPTY;
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Topology current() {
        return current;
    }

    @Override
    public synchronized void commit(Topology expected, Topology next) {
        if (expected != current) {
            throw new IllegalStateException("stale");
        }
        current = next;
        listeners.forEach(l -> l.changed(expected, next));
    }

    @Override
    public void report(HostId host, HostReport report) {
    }

    @Override
    public Map<HostId, HostReport> reports() {
        return Map.of();
    }

    @Override
    public void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StoreListener listener) {
        listeners.remove(listener);
    }

    public int listeners() {
        return listeners.size();
    }
}
