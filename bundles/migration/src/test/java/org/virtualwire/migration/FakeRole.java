package org.virtualwire.migration;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.virtualwire.spi.cluster.ControllerRole;

/** A controller's role the test sets: follower until {@link #gain()}, which tells the listeners as the store would. */
final class FakeRole implements ControllerRole {
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leading;

    void gain() {
        leading = true;
        listeners.forEach(Runnable::run);
    }

    @Override
    public String id() {
        return "ctl-test";
    }

    @Override
    public boolean leading() {
        return leading;
    }

    @Override
    public Optional<String> leader() {
        return leading ? Optional.of(id()) : Optional.of("ctl-other");
    }

    @Override
    public void addLeadershipListener(Runnable listener) {
        listeners.add(listener);
        if (leading) {
            listener.run();
        }
    }

    @Override
    public void removeLeadershipListener(Runnable listener) {
        listeners.remove(listener);
    }
}
