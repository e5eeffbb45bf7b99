package org.virtualwire.store.zookeeper;

import java.util.HashMap;
import java.util.Map;

import org.apache.curator.framework.CuratorFramework;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.cluster.NotLeaderException;

/**
 * One controller as a process of its own, for {@link ControllerFailoverBench}: joins the election on the ensemble and
 * tries a change every {@code PERIOD_MS}; each accepted one adds a cloud {@code <id>-<n>}. Prints
 * {@code JOINED <ms>}, {@code LEADS <ms>}, {@code ACK <n> <ms>} (epoch milliseconds) on stdout.
 * Arguments: connect string, root znode, participant id, session timeout in ms.
 */
public final class BenchController {
    private static final long PERIOD_MS = 10;

    private BenchController() {
    }

    public static void main(String[] args) throws Exception {
        String connect = args[0];
        String root = args[1];
        String id = args[2];
        int sessionMs = Integer.parseInt(args[3]);
        CuratorFramework client = ZooKeeperWireStore.client(connect, sessionMs, 3000);
        ZooKeeperWireStore store = new ZooKeeperWireStore(client, root, ZooKeeperWireStore.MAX_OPS);
        store.lead(id, sessionMs);
        store.addLeadershipListener(() -> say("LEADS " + System.currentTimeMillis()));
        say("JOINED " + System.currentTimeMillis());
        int n = 0;
        while (true) {
            Thread.sleep(PERIOD_MS);
            Topology base = store.current();
            Map<CloudId, Cloud> clouds = new HashMap<>(base.clouds());
            CloudId c = CloudId.of(id + "-" + (n + 1));
            clouds.put(c, new Cloud(c, "local", Map.of()));
            try {
                store.commit(base, new Topology(base.revision() + 1, clouds, base.hosts(), base.guests(),
                        base.endpoints(), base.wires(), base.moves()));
                n++;
                say("ACK " + n + " " + System.currentTimeMillis());
            } catch (NotLeaderException e) {
                // a follower: the leader commits
            } catch (IllegalStateException e) {
                // the state changed meanwhile or the ensemble is unreachable: try again
            }
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
