package org.virtualwire.migration.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.core.impl.PluginTable;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.driver.local.LocalCloudDriver;
import org.virtualwire.driver.local.LocalLab;
import org.virtualwire.migration.MigrationManager;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * The bench's network, built by the product as the appliance would: hosts h1 and h2 for the VM, h3 for its
 * peer; VM vm1 (TCG, 128 MiB, the project's image) on h1, container web1 on h3, one wire between
 * vm1/eth0 and web1/eth0. Also tells a guest the hypervisor broke, and boots it again.
 */
final class World implements AutoCloseable {
    private static final Kernel KERNEL = new LinuxKernel();

    static final String PREFIX = "vwb-v-";
    static final GuestId VM = GuestId.of("vm1");
    static final String VM_IP = "10.99.0.5";
    static final Path RUN = Path.of("/run/virtualwire", PREFIX);
    private final LocalLab lab;
    final LocalCloudDriver driver;
    final WireManager wires;
    final MigrationManager migrations;
    private int kicks;

    World(Path data) throws Exception {
        lab = new LocalLab(PREFIX, data.resolve("store"));
        wires = lab.start();
        driver = lab.driver();
        wires.batch(a -> {
            for (String h : new String[] {"h1", "h2", "h3"}) {
                a.addHost(HostId.of(h), CloudId.of("local"), null);
            }
            a.addGuest(VM, GuestKind.VM, HostId.of("h1"));
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h3"));
            a.addEndpoint(EndpointId.parse("vm1/eth0"), null, VM_IP + "/24", null);
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.connect(EndpointId.parse("vm1/eth0"), EndpointId.parse("web1/eth0"));
        });
        if (!wires.awaitApplied(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the bench network was not applied");
        }
        // experiments only: sysctls for the VM hosts' namespaces, "key=value;key=value"
        for (String kv : System.getenv().getOrDefault("VWV_SYSCTL", "").split(";")) {
            if (!kv.isBlank()) {
                for (String h : new String[] {"h1", "h2"}) {
                    KERNEL.run(List.of("ip", "netns", "exec", PREFIX + "h-" + h, "sysctl", "-q", "-w", kv.strip()), null);
                }
            }
        }
        PluginTable plugins = new PluginTable();
        plugins.add(driver);
        plugins.add(lab.runtime());
        migrations = new MigrationManager(wires, wires, plugins, Duration.ofSeconds(30));
        migrations.start(data.resolve("migrations.json"));
        if (!awaitAnswer(Duration.ofSeconds(120))) {
            throw new IllegalStateException("the VM never answered: " + console(host()));
        }
    }

    String host() {
        return wires.guest(VM).orElseThrow().host().name();
    }

    /** @return how many of {@code count} pings from web1 the VM answered */
    long answers(int count) throws KernelException {
        String out = KERNEL.run(List.of("ip", "netns", "exec", PREFIX + "g-web1", "ping", "-n", "-c", Integer.toString(count),
                "-i", "0.1", "-W", "1", VM_IP), null, 1);
        return out.lines().filter(l -> l.contains(" bytes from " + VM_IP)).count();
    }

    boolean awaitAnswer(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(1) > 0) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * QEMU 7.2 under TCG corrupted a guest in some live migrations under traffic (reproduced without
     * VirtualWire by scripts/qemu-migration-stress.py; 10.0 has not so far): a panic or virtio ring error on
     * its console, or a guest that answers nothing any more.
     *
     * @return why the guest is broken, or null if it is well
     */
    String hypervisorFault(long arrivedPid) throws Exception {
        if (pid(host()) != arrivedPid) {
            return "the QEMU that received the guest ended (console: " + tail(console(host())) + ")";
        }
        Path log = RUN.resolve(host()).resolve(VM.name() + ".log");
        String console = Files.exists(log) ? Files.readString(log) : "";
        for (String sign : new String[] {"Kernel panic", "BUG:", "is not a head", "Oops"}) {
            if (console.contains(sign)) {
                return "console: " + tail(console);
            }
        }
        return awaitAnswer(Duration.ofSeconds(3)) ? null : "no answer 3 s after the migration";
    }

    private static String tail(String console) {
        return console.substring(Math.max(0, console.length() - 300)).replace('\n', '|');
    }

    /** A broken guest: its QEMU (ours, found by its pidfile) is ended and the product boots it again. */
    void reboot() throws Exception {
        Path pidFile = RUN.resolve(host()).resolve(VM.name() + ".pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).filter(p -> p.info().arguments().map(a -> List.of(a).contains(pidFile.toString())).orElse(false))
                    .ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().join();
                    });
        }
        GuestId kick = GuestId.of("kick" + kicks++); // any change makes the agents pass; a pass restarts a dead VM
        wires.addGuest(kick, GuestKind.CONTAINER, HostId.of(host()));
        wires.awaitApplied(Duration.ofSeconds(30));
        wires.removeGuest(kick);
        wires.awaitApplied(Duration.ofSeconds(30));
        if (!awaitAnswer(Duration.ofSeconds(120))) {
            throw new IllegalStateException("the VM did not come back: " + console(host()));
        }
    }

    /** The VM's console on a host, with that of the QEMU before it there if the product started it again. */
    static String console(String host) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {".log.prev", ".log"}) {
            Path log = RUN.resolve(host).resolve(VM.name() + name);
            if (Files.exists(log)) {
                text.append(Files.readString(log));
            }
        }
        return text.toString();
    }

    /** @return the pid in the VM's pidfile on a host, or -1 */
    long pid(String host) throws Exception {
        Path pidFile = RUN.resolve(host).resolve(VM.name() + ".pid");
        return Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).strip()) : -1;
    }

    @Override
    public void close() {
        migrations.stop();
        lab.stop();
    }
}
