package org.virtualwire.itests;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * A Curator client, from the virtualwire-zookeeper bundle inside the Karaf under test, of the ZooKeeper server
 * the test started outside it. Loaded only once that feature is installed (the probe imports its packages
 * dynamically).
 */
final class ZooKeeperProbe implements AutoCloseable {
    private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");
    private final String connect;
    private final CuratorFramework client;

    ZooKeeperProbe(String connect) {
        this.connect = connect;
        client = CuratorFrameworkFactory.newClient(connect, 6000, 5000, new ExponentialBackoffRetry(200, 2));
        client.start();
    }

    String connect() {
        return connect;
    }

    /** @return the client, for recipes a test runs itself */
    CuratorFramework client() {
        return client;
    }

    /** Creates a znode and reads it back. */
    String createAndRead(String path, String data) throws Exception {
        client.create().creatingParentsIfNeeded().forPath(path, data.getBytes(StandardCharsets.UTF_8));
        return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
    }

    /** @return the revision stored under {@code root}, or -1 while there is none */
    long revision(String root) {
        try {
            Matcher m = REVISION.matcher(new String(client.getData().forPath(root + "/revision"), StandardCharsets.UTF_8));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return the znode names of a folder of the store */
    List<String> children(String path) throws Exception {
        return client.getChildren().forPath(path);
    }

    @Override
    public void close() {
        client.close();
    }
}
