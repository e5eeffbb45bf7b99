package org.virtualwire.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What a VM boots from when it is not the project's own guest image: the user's kernel, initrd and disk, as
 * absolute paths on the machine that runs the VM. A kernel boots with the same command line the project's image
 * gets (console, one argument per NIC); with a disk, the disk is the guest's {@code /dev/vda} and its root.
 *
 * @param kernel the kernel image ({@code bzImage}), or null for the project's
 * @param initrd the initial RAM disk, or null for none (only with a kernel)
 * @param disk a raw or qcow2 disk image, or null for none
 */
public record VmImage(String kernel, String initrd, String disk) {
    /** Blank paths are taken as not given. */
    public VmImage {
        kernel = blankToNull(kernel);
        initrd = blankToNull(initrd);
        disk = blankToNull(disk);
    }

    /**
     * @param image an image or null
     * @return whether it is null or gives no file, i.e. the project's own image
     */
    public static boolean isDefault(VmImage image) {
        return image == null || image.kernel == null && image.initrd == null && image.disk == null;
    }

    /**
     * Checks what holds for every cloud: each path given is absolute, and an initrd comes with its kernel (it
     * cannot go with the project's kernel, whose modules it would lack). Whether the files are there is for the
     * cloud driver to say.
     *
     * @throws VirtualWireException naming the field ({@code kernel}, {@code initrd} or {@code disk}) otherwise
     */
    public void check() {
        absolute("kernel", kernel);
        absolute("initrd", initrd);
        absolute("disk", disk);
        if (initrd != null && kernel == null) {
            throw new VirtualWireException("kernel", "initrd " + initrd + " is given without a kernel: give the kernel "
                    + "it belongs to");
        }
    }

    /** @return the paths given, as {@code kernel=PATH} etc. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (kernel != null) {
            parts.add("kernel=" + kernel);
        }
        if (initrd != null) {
            parts.add("initrd=" + initrd);
        }
        if (disk != null) {
            parts.add("disk=" + disk);
        }
        return parts.isEmpty() ? "default" : String.join(" ", parts);
    }

    private static void absolute(String field, String path) {
        if (path != null && !path.startsWith("/")) {
            throw new VirtualWireException(field, field + " path '" + path + "' must be absolute (start with /)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
