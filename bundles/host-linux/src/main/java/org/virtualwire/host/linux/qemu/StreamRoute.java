package org.virtualwire.host.linux.qemu;

import java.io.Closeable;
import java.io.IOException;

/**
 * How a migration stream reaches the QEMU waiting for it: straight to its address (both hosts on one
 * underlay), or through relays (hosts of two clouds, which cannot reach each other).
 */
public interface StreamRoute {
    /** Straight to the destination. */
    StreamRoute DIRECT = uri -> new Opened(uri, () -> { });

    /**
     * @param targetUri where the destination QEMU listens, {@code tcp:IP:PORT}
     * @return the URI the source QEMU sends to, and what to close when the migration ended
     * @throws IOException if the route cannot be opened
     */
    Opened open(String targetUri) throws IOException;

    /**
     * An open route.
     *
     * @param uri where the source sends
     * @param closer closes the relays, if any
     */
    record Opened(String uri, Closeable closer) implements Closeable {
        @Override
        public void close() throws IOException {
            closer.close();
        }
    }
}
