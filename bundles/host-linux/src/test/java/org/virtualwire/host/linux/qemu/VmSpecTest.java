package org.virtualwire.host.linux.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.spi.linux.LinuxKernel;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.spi.GuestPlan;

/** What a VM's plan becomes on QEMU's command line, and where its files are: no QEMU, no root. */
class VmSpecTest {
    @TempDir
    Path dir;

    private static Endpoint nic(String id, String address, int slot) {
        return new Endpoint(EndpointId.parse(id), MacAddress.local(slot), address == null ? null : Ipv4Prefix.parse(address),
                1450, slot);
    }

    @Test
    void nicsAreInGuestOrderWithTheirTapMacAndAddress() {
        QemuGuests guests = new QemuGuests(dir, h -> "ns-" + h.name(), e -> "ve" + e.slot(), () -> null, new LinuxKernel());
        Guest g = new Guest(GuestId.of("vm1"), GuestKind.VM, HostId.of("h1"));
        // eth10 after eth2, as the guest kernel numbers its NICs; an unaddressed NIC still takes its place
        VmSpec spec = guests.spec(new GuestPlan(g, List.of(nic("vm1/eth10", "10.99.2.5/24", 7), nic("vm1/eth2", null, 9),
                nic("vm1/eth0", "10.99.0.5/24", 3))));
        assertEquals(List.of("ve3", "ve9", "ve7"), spec.nics().stream().map(VmSpec.Nic::tap).toList());
        String args = spec.kernelArgs();
        assertTrue(args.startsWith(String.join(" ", GuestImage.BASE_ARGS)), args);
        assertTrue(args.contains("no_timer_check"), args);
        assertTrue(args.contains("vw.nic=eth0,10.99.0.5/24,1450") && args.contains("vw.nic=eth2,10.99.2.5/24,1450"), args);
        assertFalse(args.contains("eth1,"), "the unaddressed NIC is left alone: " + args);

        List<String> line = spec.command(() -> GuestImage.in(dir), d -> "raw", guests.files(HostId.of("h1"), g.id())).toArgs();
        assertTrue(line.contains("virtio-net-pci,netdev=n0,mac=" + MacAddress.local(3) + ",romfile="), line.toString());
        assertTrue(line.contains("tap,id=n2,ifname=ve7,script=no,downscript=no"), line.toString());
        assertTrue(line.contains(dir.resolve("h1/vm1.pid").toString()), line.toString());
        assertFalse(line.contains("-incoming"), "the machine itself is the same on both hosts: " + line);
    }

    @Test
    void aUsersKernelInitrdAndDiskReplaceTheProjectsImageWithTheSameArguments() throws Exception {
        Path raw = Files.write(dir.resolve("disk.raw"), new byte[512]);
        Path qcow2 = Files.write(dir.resolve("disk,1.qcow2"), new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        QemuGuests guests = new QemuGuests(dir, h -> "ns-" + h.name(), e -> "ve" + e.slot(), () -> {
            throw new AssertionError("the project's image is not needed for a VM with its own kernel");
        }, new LinuxKernel());
        Guest g = new Guest(GuestId.of("vm1"), GuestKind.VM, HostId.of("h1"), new VmImage("/srv/bzImage", "/srv/initrd", raw.toString()));
        VmSpec spec = guests.spec(new GuestPlan(g, List.of(nic("vm1/eth0", "10.99.0.5/24", 3))));
        List<String> line = guests.command(spec, guests.files(HostId.of("h1"), g.id())).toArgs();
        assertEquals("/srv/bzImage", after(line, "-kernel"));
        assertEquals("/srv/initrd", after(line, "-initrd"));
        assertEquals("file=" + raw + ",if=virtio,format=raw", after(line, "-drive"));
        String append = after(line, "-append");
        assertTrue(append.startsWith(String.join(" ", GuestImage.BASE_ARGS)) && append.contains("vw.nic=eth0,10.99.0.5/24,1450")
                && append.endsWith(" root=/dev/vda"), append);

        VmSpec noInitrd = new VmSpec("vm1", spec.nics(), new VmImage("/srv/bzImage", null, qcow2.toString()));
        line = guests.command(noInitrd, guests.files(HostId.of("h1"), g.id())).toArgs();
        assertFalse(line.contains("-initrd"), line.toString());
        assertEquals("file=" + dir.resolve("disk,,1.qcow2") + ",if=virtio,format=qcow2", after(line, "-drive"),
                "qcow2 is told by its magic, a comma in the path doubled");

        VmSpec project = new VmSpec("vm1", spec.nics());
        line = project.command(() -> GuestImage.in(dir), d -> "raw", guests.files(HostId.of("h1"), g.id())).toArgs();
        assertEquals(dir.resolve("vmlinuz").toString(), after(line, "-kernel"));
        assertFalse(line.contains("-drive") || after(line, "-append").contains("root="), line.toString());
    }

    @Test
    void aDisksFormatIsReadOnceThenKeptSoAGuestCannotTurnItsRawDiskIntoQcow2() throws Exception {
        Path disk = Files.write(dir.resolve("disk.raw"), new byte[512]);
        QemuGuests guests = new QemuGuests(dir, h -> "ns-" + h.name(), e -> "ve" + e.slot(), () -> null, new LinuxKernel());
        VmSpec spec = new VmSpec("vm1", List.of(), new VmImage("/srv/bzImage", null, disk.toString()));
        VmFiles h1 = guests.files(HostId.of("h1"), GuestId.of("vm1"));
        h1.write(h1.machine(), String.join("\n", guests.command(spec, h1).toArgs())); // its QEMU was started on h1
        Files.write(disk, new byte[] {'Q', 'F', 'I', (byte) 0xfb}); // then the guest wrote qcow2's magic
        List<String> h2 = guests.command(spec, guests.files(HostId.of("h2"), GuestId.of("vm1"))).toArgs();
        assertEquals("file=" + disk + ",if=virtio,format=raw", after(h2, "-drive"), "the migration's destination");
        h1.deleteAll();
        assertEquals("file=" + disk + ",if=virtio,format=qcow2", after(guests.command(spec, h1).toArgs(), "-drive"),
                "a VM never started is probed");
    }

    /** The first bytes of an x86 Linux kernel image as far as its boot header: 0xAA55 at 0x1FE, "HdrS" at 0x202. */
    static byte[] bzImageHead() {
        byte[] head = new byte[0x400];
        head[0x1fe] = 0x55;
        head[0x1ff] = (byte) 0xaa;
        System.arraycopy(new byte[] {'H', 'd', 'r', 'S'}, 0, head, 0x202, 4);
        return head;
    }

    @Test
    void aKernelMustBeAKernelImageAndAQcow2DiskStandAlone() throws Exception {
        Path kernel = Files.write(dir.resolve("bzImage"), bzImageHead());
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$salt$hash:19000:0:99999:7:::\n");
        refused("kernel", "kernel " + secret + " is not a Linux kernel image", new VmImage(secret.toString(), null, null));
        byte[] noMagic = bzImageHead();
        noMagic[0x203] = 'X';
        Path almost = Files.write(dir.resolve("almost"), noMagic);
        refused("kernel", "is not a Linux kernel image", new VmImage(almost.toString(), null, null));
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        refused("kernel", "is not a Linux kernel image", new VmImage(empty.toString(), null, null));

        ByteBuffer qcow2 = ByteBuffer.allocate(512).put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3);
        Path alone = Files.write(dir.resolve("alone.qcow2"), qcow2.array());
        UserImage.check(new VmImage(kernel.toString(), null, alone.toString()));
        Path backed = Files.write(dir.resolve("backed.qcow2"), qcow2.putLong(8, 0x200).array());
        refused("disk", "with a backing file", new VmImage(kernel.toString(), null, backed.toString()));
        Path future = Files.write(dir.resolve("v9.qcow2"), qcow2.putLong(8, 0).putInt(4, 9).array());
        refused("disk", "of version 9", new VmImage(kernel.toString(), null, future.toString()));
        Path cut = Files.write(dir.resolve("cut.qcow2"), new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0});
        refused("disk", "cut short", new VmImage(kernel.toString(), null, cut.toString()));
        Path raw = Files.write(dir.resolve("disk.raw"), new byte[4096]);
        UserImage.check(new VmImage(kernel.toString(), null, raw.toString()));
    }

    @Test
    void aUsersFilesMustBeThereAndADiskNeedsAKernel() throws Exception {
        Path kernel = Files.write(dir.resolve("bzImage"), bzImageHead());
        refused("kernel", "kernel " + dir.resolve("nope") + " does not exist", new VmImage(dir.resolve("nope").toString(), null, null));
        refused("initrd", "is not a regular file but a directory", new VmImage(kernel.toString(), dir.toString(), null));
        refused("disk", "does not exist", new VmImage(kernel.toString(), null, dir.resolve("disk.raw").toString()));
        refused("kernel", "boots VMs with -kernel", new VmImage(null, null, kernel.toString()));
        UserImage.check(new VmImage(kernel.toString(), kernel.toString(), kernel.toString()));
        UserImage.check(null);
    }

    private static void refused(String field, String words, VmImage image) {
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> UserImage.check(image));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    private static String after(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < args.size(), option + " missing in " + args);
        return args.get(i + 1);
    }

    @Test
    void aMissingImageSaysHowToBuildIt() {
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> GuestImage.locate(dir.resolve("nowhere").toString()));
        assertEquals("guestImage", e.field());
        assertTrue(e.getMessage().contains("scripts/guest-image.sh") && e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void aHostsFoldersNameTheirGuests() throws Exception {
        VmFiles a = new VmFiles(dir, "vm1");
        VmFiles b = new VmFiles(dir, "web.2");
        a.write(a.pid(), "42");
        a.write(a.previousLog(), "old console");
        b.write(b.incoming(), "tcp:198.18.0.2:4400");
        Files.writeString(dir.resolve("unrelated.txt"), "x");
        assertEquals(Set.of("vm1", "web.2"), VmFiles.guestsIn(dir));
        a.deleteAll();
        assertEquals(Set.of("web.2"), VmFiles.guestsIn(dir));
    }
}
