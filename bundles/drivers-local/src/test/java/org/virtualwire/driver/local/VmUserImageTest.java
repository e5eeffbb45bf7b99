package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.host.linux.qemu.GuestImage;
import org.virtualwire.host.linux.qemu.GuestImages;
import org.virtualwire.host.linux.qemu.QmpClient;
import org.virtualwire.spi.TransferResult;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.LinuxKernel;
import org.virtualwire.host.linux.LinuxHostRuntime;

/**
 * A VM booted from the user's own files (a copy of the project's kernel and initramfs in a folder of the
 * user's, and a 4 MiB raw disk): QEMU runs them, the VM answers over its wire, it live-migrates to another
 * host (both QEMUs open the same disk file) with the same files and still answers; a missing file is refused
 * when the guest is added. Needs root and QEMU; exclude with {@code -DexcludedGroups=qemu}.
 */
@Tag("qemu")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VmUserImageTest {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final String PREFIX = LocalLab.prefix("vi");
    private static final Path RUN = Path.of("/run/virtualwire", PREFIX);
    private static final String VM_IP = "10.99.0.5";
    private static final TestVm QEMU = new TestVm(PREFIX, "web1", VM_IP, "vm1");
    private static final GuestId VM = GuestId.of("vm1");
    private static GuestImage project;
    @TempDir
    Path data;
    @TempDir
    Path user;
    private VmImage image;
    private LocalLab lab;
    private LinuxHostRuntime driver;
    private WireManager manager;

    @BeforeAll
    static void image() throws Exception {
        LocalLab.assumeRoot();
        project = GuestImages.findOrBuild();
    }

    @BeforeEach
    void start() throws Exception {
        Path kernel = Files.copy(project.kernel(), user.resolve("my-kernel"), StandardCopyOption.REPLACE_EXISTING);
        Path initrd = Files.copy(project.initramfs(), user.resolve("my-initrd.gz"), StandardCopyOption.REPLACE_EXISTING);
        Path disk = user.resolve("my-disk.raw");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(4 << 20); // like truncate -s 4M: sparse, all zeros, so raw
        }
        image = new VmImage(kernel.toString(), initrd.toString(), disk.toString());
        lab = new LocalLab(PREFIX, data);
        manager = lab.start();
        driver = lab.runtime();
        CloudId local = CloudId.of("local");
        manager.batch(a -> {
            for (String h : new String[] {"h1", "h2", "h3"}) {
                a.addHost(HostId.of(h), local, null);
            }
            a.addGuest(VM, GuestKind.VM, HostId.of("h1"), image);
            a.addGuest(GuestId.of("web1"), GuestKind.CONTAINER, HostId.of("h3"));
            a.addEndpoint(EndpointId.parse("vm1/eth0"), null, VM_IP + "/24", null);
            a.addEndpoint(EndpointId.parse("web1/eth0"), null, "10.99.0.1/24", null);
            a.connect(EndpointId.parse("vm1/eth0"), EndpointId.parse("web1/eth0"));
        });
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.stop();
            assertTrue(KERNEL.netns(PREFIX).isEmpty(), "namespaces left: " + KERNEL.netns(PREFIX));
            assertFalse(Files.exists(RUN), "VM files left in " + RUN);
        }
    }

    @Test
    void aVmBootsTheUsersFilesAnswersAndMovesWithThem() throws Exception {
        assertTrue(QEMU.awaitAnswer(Duration.ofSeconds(120)), "the VM never answered web1: " + QEMU.console("h1"));
        List<String> source = cmdline(QEMU.pid("h1"));
        usesTheUsersFiles(source);
        assertFalse(source.contains("-incoming"), source.toString());

        manager.prepare(VM, HostId.of("h2"));
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        manager.dualHome(VM);
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        List<String> destination = cmdline(QEMU.pid("h2"));
        usesTheUsersFiles(destination);
        assertTrue(destination.contains("-incoming"), destination.toString());
        assertEquals(withoutHostParts(source), withoutHostParts(destination), "both QEMUs describe the same machine");

        TransferResult r = driver.transfer(vm(), manager.host(HostId.of("h1")).orElseThrow(),
                manager.host(HostId.of("h2")).orElseThrow(), nics(), Map.of());
        System.out.println(r.detail());
        manager.activate(VM);
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));
        manager.settle(VM);
        assertTrue(manager.awaitApplied(Duration.ofSeconds(30)));

        assertEquals(new Guest(VM, GuestKind.VM, HostId.of("h2"), image), vm(), "the moved VM keeps its image");
        QEMU.intact("h2");
        assertTrue(QEMU.awaitAnswer(Duration.ofSeconds(30)), "the moved VM never answered: " + QEMU.console("h2"));
        assertTrue(QEMU.echoReplies(10) >= 9, "the moved VM answers");
        try (QmpClient qmp = QmpClient.connect(RUN.resolve("h2").resolve("vm1.qmp"), Duration.ofSeconds(5))) {
            JsonNode block = qmp.execute("query-block");
            assertTrue(block.toString().contains(image.disk()), "the moved VM has its disk: " + block);
        }
        assertFalse(Files.exists(RUN.resolve("h1").resolve("vm1.pid")), "the VM left its files on h1");
    }

    @Test
    void aMissingFileIsRefusedWhenTheGuestIsAdded() {
        int guests = manager.guests().size();
        String missing = user.resolve("no-such-kernel").toString();
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> manager.addGuest(GuestId.of("vm2"),
                GuestKind.VM, HostId.of("h1"), new VmImage(missing, null, null)));
        assertEquals("kernel", e.field(), e.getMessage());
        assertEquals("kernel " + missing + " does not exist", e.getMessage());

        e = assertThrows(VirtualWireException.class, () -> manager.addGuest(GuestId.of("vm2"), GuestKind.VM,
                HostId.of("h1"), new VmImage(image.kernel(), null, user.resolve("gone.qcow2").toString())));
        assertEquals("disk", e.field(), e.getMessage());
        e = assertThrows(VirtualWireException.class, () -> manager.addGuest(GuestId.of("vm2"), GuestKind.VM,
                HostId.of("h1"), new VmImage(null, null, image.disk())));
        assertTrue(e.getMessage().contains("-kernel"), e.getMessage());
        assertEquals(guests, manager.guests().size(), "nothing was added");
    }

    private void usesTheUsersFiles(List<String> line) {
        assertEquals(image.kernel(), after(line, "-kernel"));
        assertEquals(image.initrd(), after(line, "-initrd"));
        assertEquals("file=" + image.disk() + ",if=virtio,format=raw", after(line, "-drive"));
        String append = after(line, "-append");
        assertTrue(append.contains("vw.nic=eth0," + VM_IP + "/24") && append.contains("root=/dev/vda"), append);
    }

    /** The line less what names the host: files in its run folder and where it listens. */
    private static List<String> withoutHostParts(List<String> line) {
        return line.stream().filter(a -> !a.contains(RUN.toString()) && !a.startsWith("tcp:") && !a.equals("-incoming"))
                .toList();
    }

    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < args.size(), option + " missing in " + args);
        return args.get(i + 1);
    }

    private static List<String> cmdline(long pid) throws Exception {
        String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
        return Arrays.asList(raw.split("\0"));
    }

    private Guest vm() {
        return manager.guest(VM).orElseThrow();
    }

    private List<Endpoint> nics() {
        return manager.endpoints().stream().filter(e -> e.id().guest().equals(VM)).toList();
    }

}
