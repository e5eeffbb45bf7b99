package org.virtualwire.spi;

import java.util.concurrent.Callable;

/**
 * Runs work inside a host's network, e.g. to open sockets that belong to it. A socket opened inside keeps
 * belonging to that network when used from any thread afterwards.
 */
public interface NetworkScope {
    /** The network of the calling thread, as it is. */
    NetworkScope CURRENT = new NetworkScope() {
        @Override
        public <T> T call(Callable<T> work) throws Exception {
            return work.call();
        }
    };

    /**
     * @param work what to run
     * @param <T> its result
     * @return its result
     * @throws Exception what the work threw, or if the network cannot be entered
     */
    <T> T call(Callable<T> work) throws Exception;
}
