package org.virtualwire.migration.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationStep;

/**
 * VM migration figures (issue 3): N live migrations of a 128 MiB TCG guest the VirtualWire way (the product's
 * migration route: prepare, dual-home, transfer, activate, settle) and N the naive way ({@link NaiveMigration})
 * in one run, interleaved (VW, naive, naive, VW, ...: both ways see the same noise and both directions),
 * each watched by a 1 ms ICMP probe from the peer guest and by QEMU's own events; prints one table side by
 * side. Runs the hypervisor broke (a QEMU TCG fault, seen with 7.2, see {@link World#hypervisorFault(long)})
 * are counted and left out; the guest is then booted again. Run it with {@code bench/vm-migration.sh}.
 *
 * <p>Arguments: {@code [N] [--only vw|naive] [--option KEY=VALUE]...} (options as {@code vw:guest-migrate}
 * takes them, given to both ways).
 */
public final class VmMigrationBench {
    static final String VW = "VirtualWire";
    static final String NAIVE = "naive";
    /** Experiments only: VWV_HOLD_MS holds the VirtualWire route this long between transfer and activate. */
    private static final long HOLD_MS = Long.parseLong(System.getenv().getOrDefault("VWV_HOLD_MS", "0"));
    private static final Pattern DOWNTIME = Pattern.compile("QEMU downtime (\\d+) ms");

    private final World world;
    private final Map<String, String> options;
    private final NaiveMigration naive;
    private final Path probeScript = Path.of("bench/icmp-probe.py").toAbsolutePath();
    private final Path data;
    private int index;
    private long arrivedPid;
    private final Path observe = Path.of(System.getenv().getOrDefault("VWV_OBSERVE", "/tmp"));

    private VmMigrationBench(World world, Map<String, String> options, Path data) {
        this.world = world;
        this.data = data;
        this.options = options;
        this.naive = new NaiveMigration(world.wires, World.RUN, World.PREFIX, options);
    }

    public static void main(String[] args) throws Exception {
        int n = 20;
        List<String> methods = new ArrayList<>(List.of(VW, NAIVE));
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> methods.retainAll(List.of(args[++i].equals("vw") ? VW : NAIVE));
                case "--option" -> {
                    String[] kv = args[++i].split("=", 2);
                    options.put(kv[0], kv[1]);
                }
                default -> n = Integer.parseInt(args[i]);
            }
        }
        Path data = Files.createTempDirectory("vwv-bench");
        try (World world = new World(data); PrintWriter raw = new PrintWriter(Files.newBufferedWriter(data.resolve("runs.tsv")))) {
            new VmMigrationBench(world, options, data).run(n, methods, raw);
            System.out.println("raw per-run figures: " + data.resolve("runs.tsv"));
        }
    }

    private void run(int n, List<String> methods, PrintWriter raw) throws Exception {
        Table table = new Table(methods);
        Map<String, int[]> counts = new LinkedHashMap<>(); // method -> measured, hypervisor faults, failed
        methods.forEach(m -> counts.put(m, new int[3]));
        String loadBefore = load();
        for (int i = 0; counts.values().stream().anyMatch(c -> c[0] < n) && i < 4 * n; i++) {
            String method = methods.get(methods.size() == 1 ? 0 : ((i % 4 == 0 || i % 4 == 3) ? 0 : 1));
            int[] c = counts.get(method);
            if (c[0] >= n) {
                continue;
            }
            String from = world.host();
            String to = from.equals("h1") ? "h2" : "h1";
            int busy = Quiet.await(Quiet.MAX_WAIT, Quiet.LIMIT);
            Map<String, Double> r = new LinkedHashMap<>();
            String failure = null;
            try {
                index = i;
                r = once(method, from, to);
            } catch (Exception e) {
                failure = e.toString();
            }
            String fault = failure == null ? world.hypervisorFault(arrivedPid) : null;
            String verdict = failure != null ? "FAILED " + failure : fault != null ? "HYPERVISOR FAULT (" + fault + ")" : "ok";
            r.put("CPU busy before (%)", (double) busy);
            raw.println(method + "\t" + from + "->" + to + "\t" + verdict + "\t" + load() + "\t" + r);
            raw.flush();
            System.out.printf(Locale.ROOT, "# %2d %-11s %s->%s gap %6.1f pause %5.1f downtime %4.0f lost %3.0f dups %2.0f total %5.0f load %s busy %d%%: %s%n",
                    i, method, from, to, r.getOrDefault("longest probe gap (ms)", Double.NaN),
                    r.getOrDefault("guest paused, source STOP to destination RESUME (ms)", Double.NaN),
                    r.getOrDefault("hypervisor pause, QEMU downtime (ms)", Double.NaN), r.getOrDefault("lost probes", Double.NaN),
                    r.getOrDefault("duplicate answers", Double.NaN), r.getOrDefault("whole migration (ms)", Double.NaN), load(), busy, verdict);
            if (failure != null) {
                c[2]++;
            } else if (fault != null) {
                c[1]++;
            } else {
                c[0]++;
                Map<String, Double> shown = new LinkedHashMap<>(r);
                shown.keySet().removeIf(k -> k.startsWith("epoch"));
                table.add(method, shown);
            }
            if (failure != null || fault != null) {
                world.reboot();
            }
        }
        System.out.printf("%n%d+%d VM migrations (TCG, 128 MiB), probe web1 -> vm1 every 1 ms; options %s; load average before %s, after %s%n%n",
                n, n, options.isEmpty() ? "(defaults)" : options, loadBefore, load());
        counts.forEach((m, c) -> System.out.printf("%s: %d measured, %d hypervisor faults (left out), %d failed%n", m, c[0], c[1], c[2]));
        System.out.println();
        System.out.println(table.render());
    }

    /** One migration inside a probe window: probe 300 ms, migrate, probe 300 ms more. */
    private Map<String, Double> once(String method, String from, String to) throws Exception {
        Map<String, Double> r = new LinkedHashMap<>();
        Map<String, Double> steps = new LinkedHashMap<>();
        Map<String, Double> marks = new LinkedHashMap<>();
        double total;
        double downtime;
        double repointed = Double.NaN;
        Observer.Timeline t;
        ProbeRun p;
        try (Observer obs = Observer.watch(observe, from, to, World.VM.name())) {
            Probe probe = Probe.start(probeScript, World.PREFIX + "g-web1", World.VM_IP, 1.0);
            try {
                Thread.sleep(300);
                if (method.equals(VW)) {
                    MigrationRecord rec = world.migrations.migrate(World.VM, HostId.of(to), options,
                            s -> {
                                marks.put(s.name() + " done", (double) System.currentTimeMillis());
                                if (s.name().equals("transfer") && HOLD_MS > 0) {
                                    sleep(HOLD_MS); // experiment: the route waits before activate
                                }
                            });
                    if (rec.outcome() != MigrationRecord.Outcome.SUCCEEDED) {
                        throw new IllegalStateException(rec.outcome() + ": " + rec.error());
                    }
                    rec.steps().forEach(s -> steps.put(s.name(), s.millis()));
                    total = rec.totalMillis();
                    downtime = rec.steps().stream().filter(s -> s.name().equals("transfer")).map(MigrationStep::detail)
                            .map(DOWNTIME::matcher).filter(Matcher::find).mapToDouble(m -> Double.parseDouble(m.group(1)))
                            .findFirst().orElse(Double.NaN);
                } else {
                    NaiveMigration.Result res = naive.migrate(World.VM, HostId.of(to));
                    steps.putAll(res.steps());
                    total = res.totalMillis();
                    downtime = res.downtimeMillis();
                    repointed = res.repointedAt();
                }
                Thread.sleep(300);
            } finally {
                p = probe.stop(data.resolve("probe-" + index + ".txt"));
            }
            t = obs.timeline();
        }
        arrivedPid = world.pid(to);
        if (method.equals(NAIVE)) {
            naive.bookkeeping(World.VM);
        }
        r.put("longest probe gap (ms)", p.gapMillis());
        r.put("gap beyond the guest's pause (ms)", p.gapMillis() - t.pauseMillis());
        r.put("lost probes", (double) p.lost());
        r.put("duplicate answers", (double) p.duplicates());
        r.put("hypervisor pause, QEMU downtime (ms)", downtime);
        r.put("guest paused, source STOP to destination RESUME (ms)", t.pauseMillis());
        r.put("last answer before the gap, from STOP (ms)", p.gapStart() - t.stop());
        r.put("first answer after the gap, from RESUME (ms)", p.gapEnd() - t.resume());
        r.put("source 'completed' event, from STOP (ms)", t.completed() - t.stop());
        r.put("destination 'completed' event, from STOP (ms)", t.loaded() - t.stop());
        r.put("peers re-pointed (naive), from RESUME (ms)", repointed - t.resume());
        steps.forEach((k, v) -> r.put("step " + k + " (ms)", v));
        r.put("whole migration (ms)", total);
        marks.forEach((k, v) -> r.put(k + ", from RESUME (ms)", v - t.resume()));
        r.put("epoch STOP", t.stop()); // for the raw file
        r.put("epoch RESUME", t.resume());
        return r;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
