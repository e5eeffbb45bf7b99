package org.virtualwire.driver.local.qemu;

import java.io.IOException;
import java.io.InputStream;
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

    private UserImage() {
    }

    /**
     * @param image a VM's image, or null for the project's
     * @throws VirtualWireException naming the file ({@code kernel}, {@code initrd}, {@code disk}) and why it cannot
     *         be used: missing, unreadable, not a regular file, or a disk without a kernel to boot it
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
