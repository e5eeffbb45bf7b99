package org.virtualwire.host.linux.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * A real QEMU guest (TCG, the project's guest image) live-migrated between two host namespaces over their
 * underlay veth: the guest answers pings in the destination's namespace afterwards, and no longer in the
 * source's. Needs root and QEMU; builds the guest image with {@code scripts/guest-image.sh} if it is missing.
 * Exclude with {@code -DexcludedGroups=qemu}.
 */
@Tag("qemu")
class QemuLiveMigrationTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String H1 = "vwv-h1";
    private static final String H2 = "vwv-h2";
    private static final String GUEST_IP = "10.99.210.5";
    private static GuestImage image;
    @TempDir
    Path dir;
    private final List<QemuProcess> started = new ArrayList<>();

    @BeforeAll
    static void image() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
        image = GuestImages.findOrBuild();
    }

    @BeforeEach
    void hosts() throws KernelException {
        deleteNamespaces();
        KERNEL.run(List.of("ip", "netns", "add", H1), null);
        KERNEL.run(List.of("ip", "netns", "add", H2), null);
        KERNEL.batch("ip", H1, List.of("link add ul0 type veth peer name ul0 netns " + H2));
        host(H1, "198.18.210.1/24");
        host(H2, "198.18.210.2/24");
    }

    /** Underlay address on ul0; the guest's TAP ve1 (short queue, see the issue) in bridge br0 with 10.99.210.254. */
    private static void host(String ns, String underlay) throws KernelException {
        KERNEL.batch("ip", ns, List.of("link set lo up", "addr add " + underlay + " dev ul0", "link set ul0 up",
                "tuntap add ve1 mode tap", "link set ve1 txqueuelen 16", "link add br0 type bridge",
                "link set ve1 master br0", "addr add 10.99.210.254/24 dev br0", "link set ve1 up", "link set br0 up"));
    }

    @AfterEach
    void cleanUp() throws KernelException {
        started.forEach(p -> p.stop(Duration.ofSeconds(3)));
        deleteNamespaces();
        assertTrue(KERNEL.netns("vwv-h").isEmpty(), "namespaces left behind");
    }

    private static void deleteNamespaces() throws KernelException {
        for (String ns : KERNEL.netns("vwv-h")) {
            KERNEL.run(List.of("ip", "netns", "del", ns), null);
        }
    }

    private QemuCommand vm(String name) {
        return new QemuCommand()
                .boot(image.kernel(), image.initramfs(),
                        GuestImage.kernelArgs(Map.of("eth0", Ipv4Prefix.parse(GUEST_IP + "/24")), 0, List.of()))
                .files(dir.resolve(name + "-serial.log"), dir.resolve(name + "-qmp.sock"), dir.resolve(name + ".pid"))
                .nic("ve1", MacAddress.parse("02:76:77:00:d2:05"));
    }

    private QemuProcess start(String ns, QemuCommand command) throws KernelException {
        QemuProcess p = QemuProcess.start(KERNEL, ns, command);
        started.add(p);
        return p;
    }

    private static boolean ping(String ns, int count) {
        try {
            KERNEL.exec(ns, "ping", "-c", Integer.toString(count), "-i", "0.2", "-W", "1", GUEST_IP);
            return true;
        } catch (KernelException e) {
            return false;
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theGuestAnswersAtTheDestinationAfterALiveMigration() throws Exception {
        long t0 = System.nanoTime();
        QemuProcess source = start(H1, vm("src"));
        assertTrue(source.awaitConsole(GuestImage.READY, Duration.ofSeconds(120)),
                "guest never said ready: " + Files.readString(source.command().serialLog()));
        long bootMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ping(H1, 3), "guest does not answer at the source");

        try (QmpClient src = source.qmp(Duration.ofSeconds(5))) {
            // A migration with nobody listening fails with QEMU's reason, and the guest keeps running.
            QmpException refused = assertThrows(QmpException.class, () -> new QemuMigration()
                    .migrate(src, null, "tcp:198.18.210.2:4444", Duration.ofSeconds(20)));
            assertTrue(refused.getMessage().toLowerCase().contains("refused"), refused.getMessage());
            assertTrue(src.execute("query-status").path("running").asBoolean());
            assertTrue(ping(H1, 1), "guest stopped answering after a failed migration");

            QemuProcess destination = start(H2, vm("dst").incoming("tcp:198.18.210.2:4444"));
            MigrationResult r;
            try (QmpClient dst = destination.qmp(Duration.ofSeconds(5))) {
                assertEquals("inmigrate", dst.execute("query-status").path("status").asText());
                r = new QemuMigration().migrate(src, dst, "tcp:198.18.210.2:4444", Duration.ofSeconds(60));
                assertEquals("completed", src.execute("query-migrate").path("status").asText());
                assertEquals("running", dst.execute("query-status").path("status").asText());
            }
            assertTrue(r.downtimeMs() > 0, "QEMU reported no downtime: " + r);
            assertTrue(ping(H2, 3), "guest does not answer at the destination");
            assertFalse(ping(H1, 1), "guest still answers at the source");

            assertEquals("postmigrate", src.execute("query-status").path("status").asText());
            src.execute("quit");
            assertTrue(source.awaitExit(Duration.ofSeconds(10)), "source QEMU still runs after quit");
            print(bootMs, r);
        }
    }

    private static void print(long bootMs, MigrationResult r) {
        System.out.printf("%n| QEMU guest (TCG, 128 MiB)                      | value |%n");
        System.out.printf("|------------------------------------------------|-------|%n");
        System.out.printf("| boot to \"vw-guest ready\" (ms)                  | %5d |%n", bootMs);
        System.out.printf("| migration total-time, QEMU (ms)                | %5d |%n", r.totalTimeMs());
        System.out.printf("| migration seen completed, wall (ms)            | %5d |%n", r.observedMs());
        System.out.printf("| downtime, QEMU (ms)                            | %5d |%n", r.downtimeMs());
        System.out.printf("| pause, source STOP to destination RESUME (ms)  | %5d |%n", r.pauseMs());
        System.out.printf("| RAM transferred (MiB)                          | %5d |%n", r.ramTransferred() >> 20);
    }
}
