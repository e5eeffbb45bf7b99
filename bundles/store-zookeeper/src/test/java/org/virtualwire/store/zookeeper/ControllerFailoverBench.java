package org.virtualwire.store.zookeeper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingCluster;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.Topology;

/**
 * Controller failover on a real 3-node ensemble (curator-test's {@link TestingCluster}, in this JVM): two controllers
 * as processes of their own ({@link BenchController}), both trying a change every 10 ms; the leader is killed with
 * SIGKILL, and the table shows how long until the other leads and until its first change is accepted, and how many
 * of the dead leader's acknowledged changes the store lost. Arguments: runs (5), session timeout ms (6000).
 */
public final class ControllerFailoverBench {
    private ControllerFailoverBench() {
    }

    /** A child controller and the lines it printed. */
    private record Child(Process process, List<String> lines) {
        static Child start(String connect, String root, String id, int sessionMs) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
                    System.getProperty("java.class.path"), BenchController.class.getName(), connect, root, id,
                    Integer.toString(sessionMs)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (Exception e) {
                    // the process died
                }
            });
            reader.setDaemon(true);
            reader.start();
            return new Child(p, lines);
        }

        String await(Predicate<String> line, long timeoutMs, String what) throws InterruptedException {
            long end = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < end) {
                for (String l : lines) {
                    if (line.test(l)) {
                        return l;
                    }
                }
                Thread.sleep(5);
            }
            int n = lines.size();
            throw new IllegalStateException("no " + what + " within " + timeoutMs + " ms; printed " + n + " lines, the last "
                    + lines.subList(Math.max(0, n - 5), n));
        }

        long acks() {
            return lines.stream().filter(l -> l.startsWith("ACK ")).count();
        }
    }

    private static long ms(String line) {
        String[] f = line.split(" ");
        return Long.parseLong(f[f.length - 1]);
    }

    private static String load() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int sessionMs = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
        List<String> rows = new ArrayList<>();
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            String connect = cluster.getConnectString();
            for (int run = 1; run <= runs; run++) {
                String root = "/bench/r" + run;
                Child a = Child.start(connect, root, "a", sessionMs);
                Child b = null;
                try {
                    a.await(l -> l.startsWith("LEADS"), 60_000, "leadership of a");
                    b = Child.start(connect, root, "b", sessionMs);
                    b.await(l -> l.startsWith("JOINED"), 60_000, "b joining");
                    long acksBefore = a.acks();
                    a.await(l -> l.equals("ACK " + (acksBefore + 20)) || l.startsWith("ACK " + (acksBefore + 20) + " "),
                            60_000, "20 changes by a");
                    String loadAtKill = load();
                    long killed = System.currentTimeMillis();
                    a.process().destroyForcibly(); // SIGKILL
                    a.process().waitFor(10, TimeUnit.SECONDS);
                    Thread.sleep(50); // the reader drains what the pipe still held
                    long acked = a.acks();
                    String leads = b.await(l -> l.startsWith("LEADS"), 60_000, "leadership of b");
                    String first = b.await(l -> l.startsWith("ACK ") && ms(l) >= killed, 60_000, "a change by b");
                    int lost = lost(connect, root, acked);
                    rows.add(String.format("| %d | %s | %d | %d | %d | %d | %d |", run, loadAtKill, sessionMs,
                            ms(leads) - killed, ms(first) - killed, acked, lost));
                    System.err.println("run " + run + " done");
                } finally {
                    a.process().destroyForcibly();
                    if (b != null) {
                        b.process().destroyForcibly();
                        b.process().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
        }
        System.out.println("| run | load 1/5/15 min at kill | session timeout (ms) | kill -9 of leader -> other leads (ms) "
                + "| kill -9 -> next accepted change (ms) | changes acknowledged by the dead leader | of them lost |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    /** @return how many of the clouds {@code a-1 .. a-acked} (each an acknowledged change) the store does not hold */
    private static int lost(String connect, String root, long acked) throws Exception {
        try (CuratorFramework client = ZooKeeperWireStore.client(connect, 6000, 3000)) {
            ZooKeeperWireStore store = new ZooKeeperWireStore(client, root, ZooKeeperWireStore.MAX_OPS);
            try {
                Topology t = store.current();
                int lost = 0;
                for (long i = 1; i <= acked; i++) {
                    if (!t.clouds().containsKey(CloudId.of("a-" + i))) {
                        lost++;
                    }
                }
                return lost;
            } finally {
                store.close();
            }
        }
    }

}
