package org.virtualwire.itests;

import java.io.IOException;

import org.apache.curator.test.TestingServer;

/**
 * A ZooKeeper server on a free loopback port in the test's outer JVM (never inside the Karaf under test, whose
 * probe cannot see curator-test), as an ensemble runs outside the appliance. It stops with that JVM.
 */
final class HostZooKeeper {
    private static TestingServer server;

    private HostZooKeeper() {
    }

    /** @return the connect string of the server, started on the first call */
    static synchronized String connect() {
        if (server == null) {
            try {
                TestingServer started = new TestingServer(true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is ending anyway
                    }
                }));
                server = started;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test's ZooKeeper server", e);
            }
        }
        return server.getConnectString();
    }
}
