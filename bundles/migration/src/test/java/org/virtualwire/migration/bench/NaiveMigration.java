package org.virtualwire.migration.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.host.linux.qemu.QemuCommand;
import org.virtualwire.host.linux.qemu.QemuMigration;
import org.virtualwire.host.linux.qemu.QemuProcess;
import org.virtualwire.host.linux.qemu.QmpClient;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * The baseline, in the bench only: a VM migrated the naive way. The destination is prepared by the product
 * (TAP, wire end, QEMU waiting with {@code -incoming}: any cloud has to do that), but the peers are not
 * dual-homed: QMP {@code migrate} with the product's own tuning, poll {@code query-migrate} every 2 ms (as the
 * product does) until {@code completed}, then re-point each peer's wire end to the new host at once with a
 * per-MAC {@code bridge fdb replace} (frames to the VM's MAC go to the new host), then quit the source.
 * Afterwards, outside the measured window, the product's desired state is brought along (dual-home,
 * activate, settle) and the per-MAC entries removed, so the next run starts as the product would leave it.
 */
final class NaiveMigration {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");
    private static final Duration APPLY = Duration.ofSeconds(30);
    private final WireManager wires;
    private final Path runRoot;
    private final String prefix;
    private final Map<String, Object> tuning;

    /**
     * @param wires the controller
     * @param runRoot the local driver's VM folder, {@code /run/virtualwire/<prefix>}
     * @param prefix the driver's namespace prefix
     * @param options the migration options the product gets ({@code downtime-limit-ms}, {@code max-bandwidth}),
     *        so that both ways use the same hypervisor tuning
     */
    NaiveMigration(WireManager wires, Path runRoot, String prefix, Map<String, String> options) {
        this.wires = wires;
        this.runRoot = runRoot;
        this.prefix = prefix;
        this.tuning = Map.of("downtime-limit", Long.parseLong(options.getOrDefault("downtime-limit-ms",
                Long.toString(QemuMigration.DEFAULT_DOWNTIME_LIMIT_MS))), "max-bandwidth", Long.parseLong(
                options.getOrDefault("max-bandwidth", Long.toString(QemuMigration.DEFAULT_MAX_BANDWIDTH))));
    }

    /**
     * What the naive migration took.
     *
     * @param steps step name to ms, in order
     * @param totalMillis their sum
     * @param downtimeMillis QEMU's {@code downtime}
     * @param repointedAt when the peers were re-pointed, wall-clock ms
     */
    record Result(Map<String, Double> steps, double totalMillis, double downtimeMillis, double repointedAt) {
    }

    Result migrate(GuestId vm, HostId to) throws Exception {
        HostId from = wires.guest(vm).orElseThrow().host();
        Map<String, Double> steps = new LinkedHashMap<>();
        long t = System.nanoTime();
        wires.prepare(vm, to);
        await("prepare");
        tapsUp(vm, to); // the product makes an arriving VM's TAPs down (see NicReconciler); a naive cloud would not
        steps.put("prepare", ms(t));
        Path src = runRoot.resolve(from.name());
        Path dst = runRoot.resolve(to.name());
        String uri = Files.readString(dst.resolve(vm.name() + ".incoming")).strip();
        double downtime;
        double repointedAt;
        try (QmpClient s = QmpClient.connect(src.resolve(vm.name() + ".qmp"), Duration.ofSeconds(5))) {
            t = System.nanoTime();
            s.execute("migrate-set-parameters", tuning);
            s.execute("migrate", Map.of("uri", uri));
            JsonNode info = s.execute("query-migrate");
            while (!FINAL.contains(info.path("status").asText())) {
                Thread.sleep(2);
                info = s.execute("query-migrate");
            }
            if (!"completed".equals(info.path("status").asText())) {
                throw new IllegalStateException("naive migration " + info.path("status").asText() + ": " + info);
            }
            steps.put("transfer", ms(t));
            t = System.nanoTime();
            repoint(vm, to, "replace");
            repointedAt = System.currentTimeMillis();
            steps.put("re-point", ms(t));
            downtime = downtime(s, info); // not timed: only reading what QEMU measured
            t = System.nanoTime();
            Files.writeString(src.resolve(vm.name() + ".moved"), to.name()); // as the product: do not restart it there
            Files.deleteIfExists(dst.resolve(vm.name() + ".moved"));
            try {
                s.execute("quit");
            } catch (RuntimeException e) {
                // QEMU may close the connection before it answers
            }
            // as the product waits for it: by its pidfile (a zombie is gone: QEMU daemonized, init reaps it)
            QemuProcess.attach(prefix + "h-" + from.name(), new QemuCommand().files(src.resolve(vm.name() + ".log"),
                    src.resolve(vm.name() + ".qmp"), src.resolve(vm.name() + ".pid"))).ifPresent(q -> q.awaitExit(Duration.ofSeconds(5)));
            steps.put("quit source", ms(t));
        }
        double total = steps.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Result(steps, total, downtime, repointedAt);
    }

    /** After the measured window: the desired state follows, then the per-MAC entries go. */
    void bookkeeping(GuestId vm) throws Exception {
        wires.dualHome(vm);
        await("dual-home");
        wires.activate(vm);
        await("activate");
        wires.settle(vm);
        await("settle");
        repoint(vm, null, "del");
    }

    private void tapsUp(GuestId vm, HostId to) throws Exception {
        for (Endpoint nic : wires.endpoints()) {
            if (nic.id().guest().equals(vm)) {
                KERNEL.run(List.of("ip", "-n", prefix + "h-" + to.name(), "link", "set", "dev", "ve" + nic.slot(), "up"), null);
            }
        }
    }

    /** One {@code bridge fdb replace|del MAC dev vxVNI [dst NEW]} per NIC, on each peer's host. */
    private void repoint(GuestId vm, HostId to, String verb) throws Exception {
        String address = to == null ? null : wires.host(to).orElseThrow().underlayAddress();
        for (Endpoint nic : wires.endpoints()) {
            if (!nic.id().guest().equals(vm)) {
                continue;
            }
            Wire w = wires.wireOf(nic.id()).orElseThrow();
            HostId peerHost = wires.guest(w.peerOf(nic.id()).guest()).orElseThrow().host();
            List<String> cmd = new ArrayList<>(List.of("bridge", "-n", prefix + "h-" + peerHost.name(), "fdb", verb,
                    nic.mac().toString(), "dev", "vx" + w.id().vni()));
            if (address != null) {
                cmd.addAll(List.of("dst", address));
            }
            KERNEL.run(cmd, null);
        }
    }

    /** Right at {@code completed} QEMU may still report downtime 0: ask again a little later. */
    private static double downtime(QmpClient s, JsonNode info) throws InterruptedException {
        for (int i = 0; i < 20 && info.path("downtime").asLong() == 0; i++) {
            Thread.sleep(10);
            info = s.execute("query-migrate");
        }
        return info.path("downtime").asDouble();
    }

    private void await(String what) {
        if (!wires.awaitApplied(APPLY)) {
            throw new IllegalStateException(what + " not applied in " + APPLY);
        }
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
