package org.virtualwire.store.zookeeper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * A real 3-node ZooKeeper ensemble on loopback (curator-test's {@link TestingCluster}: free ports, temporary data
 * folders), and the clients and stores a test opened on it, all closed by {@link #close()}.
 */
final class Ensemble implements AutoCloseable {
    static final int SESSION_MS = 6000;
    static final int CONNECTION_MS = 3000;
    private final TestingCluster cluster;
    private final List<AutoCloseable> opened = new ArrayList<>();

    Ensemble() throws Exception {
        cluster = new TestingCluster(3);
        cluster.start();
    }

    String connect() {
        return cluster.getConnectString();
    }

    /** @return a store under {@code root} on a client of its own */
    ZooKeeperWireStore store(String root) {
        CuratorFramework client = ZooKeeperWireStore.client(connect(), SESSION_MS, CONNECTION_MS);
        opened.add(client);
        ZooKeeperWireStore store = new ZooKeeperWireStore(client, root, ZooKeeperWireStore.MAX_OPS);
        opened.add(0, store::close);
        return store;
    }

    /** @return the server that leads now (once the ensemble has one) */
    InstanceSpec leader() {
        await(() -> servers("leader").size() == 1, "a leader");
        return servers("leader").get(0);
    }

    /** @return the servers that follow now */
    List<InstanceSpec> followers() {
        return servers("follower");
    }

    /**
     * @return the servers that serve clients now: leading, following or standalone. A server that lost its quorum
     *         answers {@code srvr} with "not currently serving requests" (no mode) and refuses client sessions
     */
    List<InstanceSpec> serving() {
        return servers("");
    }

    /** @return the servers whose {@code srvr} answer says {@code Mode: <mode>} (the one four-letter word allowed by default) */
    private List<InstanceSpec> servers(String mode) {
        List<InstanceSpec> out = new ArrayList<>();
        for (InstanceSpec spec : cluster.getInstances()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), spec.getPort()), 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                if (answer.contains("Mode: " + mode)) {
                    out.add(spec);
                }
            } catch (IOException e) {
                // stopped, or not serving
            }
        }
        return out;
    }

    void stop(InstanceSpec server) throws Exception {
        cluster.killServer(server);
    }

    void restart(InstanceSpec server) throws Exception {
        cluster.restartServer(server);
    }

    /** Waits (up to a generous deadline) for a condition; fails the test if it never holds. */
    static boolean await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // polling interval, not a guess at how long anything takes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // closing what is left; the ensemble goes next
            }
        }
        opened.clear();
        cluster.close();
    }
}
