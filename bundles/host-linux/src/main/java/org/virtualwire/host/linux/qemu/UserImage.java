package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;

/**
 * A VM's own kernel, initrd and disk on this machine: checked when the guest is added (so a typo is refused
 * then, not when QEMU fails to start on some host), and the disk's format read from its first bytes.
 */
public final class UserImage {
    /** The first bytes of a qcow2 image: "QFI" and 0xfb. */
    private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    /** qcow2's header up to its backing file's offset: magic, version, backing_file_offset (8 bytes). */
    private static final int QCOW2_HEADER = 16;
    /** Where an x86 Linux kernel has its boot sector signature 0xAA55 (boot protocol, "boot_flag"). */
    private static final int SIGNATURE_AT = 0x1fe;
    /** Where the boot protocol's header magic "HdrS" is. */
    private static final int BOOT_MAGIC_AT = 0x202;
    private static final byte[] BOOT_MAGIC = {'H', 'd', 'r', 'S'};

    private UserImage() {
    }

    /**
     * @param image a VM's image, or null for the project's
     * @throws VirtualWireException naming the file ({@code kernel}, {@code initrd}, {@code disk}) and why it cannot
     *         be used: missing, unreadable, not a regular file, a kernel without the x86 boot header, a qcow2 disk
     *         QEMU would not open alone, or a disk without a kernel to boot it
     */
    public static void check(VmImage image) {
        if (VmImage.isDefault(image)) {
            return;
        }
        if (image.kernel() == null) {
            throw new VirtualWireException("kernel", "disk " + image.disk() + " is given without a kernel: the local "
                    + "driver boots VMs with -kernel, so give the kernel (and initrd) that boots from this disk");
        }
        file("kernel", image.kernel());
        file("initrd", image.initrd());
        file("disk", image.disk());
        kernelHeader(Path.of(image.kernel()));
        if (image.disk() != null) {
            diskHeader(Path.of(image.disk()));
        }
    }

    /**
     * QEMU boots an x86 kernel given with {@code -kernel} by its Linux boot protocol header: a file without one
     * (any other file, e.g. {@code /etc/shadow}) makes QEMU refuse to start on the host.
     */
    private static void kernelHeader(Path kernel) {
        byte[] head = head("kernel", kernel, BOOT_MAGIC_AT + BOOT_MAGIC.length);
        boolean bootable = head.length >= BOOT_MAGIC_AT + BOOT_MAGIC.length
                && (head[SIGNATURE_AT] & 0xff) == 0x55 && (head[SIGNATURE_AT + 1] & 0xff) == 0xaa
                && Arrays.equals(Arrays.copyOfRange(head, BOOT_MAGIC_AT, BOOT_MAGIC_AT + BOOT_MAGIC.length), BOOT_MAGIC);
        if (!bootable) {
            throw new VirtualWireException("kernel", "kernel " + kernel + " is not a Linux kernel image (bzImage): it "
                    + "lacks the boot header (0xAA55 at 0x1FE and \"HdrS\" at 0x202)");
        }
    }

    /**
     * A disk is opened raw unless it starts with qcow2's magic; a qcow2 disk must be one QEMU opens (version 2 or 3)
     * and stand alone: a backing file named in its header would make QEMU open that file of this machine.
     */
    private static void diskHeader(Path disk) {
        byte[] head = head("disk", disk, QCOW2_HEADER);
        if (head.length < QCOW2_MAGIC.length || !Arrays.equals(Arrays.copyOf(head, QCOW2_MAGIC.length), QCOW2_MAGIC)) {
            return; // raw: any content is a disk
        }
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(head, QCOW2_HEADER)); // big-endian, as qcow2 is
        int version = b.getInt(4);
        if (head.length < QCOW2_HEADER || (version != 2 && version != 3)) {
            throw new VirtualWireException("disk", "disk " + disk + " starts like a qcow2 image but its header is "
                    + (head.length < QCOW2_HEADER ? "cut short" : "of version " + version + " (2 or 3 are read)"));
        }
        if (b.getLong(8) != 0) {
            throw new VirtualWireException("disk", "disk " + disk + " is a qcow2 image with a backing file: give a "
                    + "standalone image (qemu-img convert -O qcow2)");
        }
    }

    private static byte[] head(String field, Path p, int length) {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new VirtualWireException(field, field + " " + p + " is not readable: " + e.getMessage());
        }
    }

    private static void file(String field, String path) {
        if (path == null) {
            return;
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new VirtualWireException(field, field + " " + path + " does not exist");
        }
        if (!Files.isRegularFile(p)) {
            throw new VirtualWireException(field, field + " " + path + " is not a regular file"
                    + (Files.isDirectory(p) ? " but a directory" : ""));
        }
        try (InputStream in = Files.newInputStream(p)) {
            in.read(); // isReadable says yes to root whatever the mode; opening it tells (e.g. on a dead NFS mount)
        } catch (IOException e) {
            throw new VirtualWireException(field, field + " " + path + " is not readable: " + e.getMessage());
        }
    }

    /**
     * @param disk a disk image
     * @return {@code qcow2} if it starts with qcow2's magic, else {@code raw}
     * @throws IOException if it cannot be read
     */
    static String format(Path disk) throws IOException {
        try (InputStream in = Files.newInputStream(disk)) {
            return Arrays.equals(in.readNBytes(QCOW2_MAGIC.length), QCOW2_MAGIC) ? "qcow2" : "raw";
        }
    }
}
