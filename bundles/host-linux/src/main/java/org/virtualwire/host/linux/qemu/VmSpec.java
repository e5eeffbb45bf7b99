package org.virtualwire.host.linux.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VmImage;

/**
 * A VM guest as the local driver runs it from the project's guest image or the user's own: its NICs in guest
 * order (the i-th is {@code eth<i>} inside, since the guest kernel names virtio NICs in PCI order), each backed
 * by a TAP of the host. Source and destination of a migration build the same spec from the same plan, so they describe the
 * same machine, as QEMU requires.
 *
 * @param name the guest's name (its hostname inside)
 * @param nics its NICs
 * @param image the user's kernel, initrd and disk, or null for the project's image
 */
public record VmSpec(String name, List<Nic> nics, VmImage image) {
    /** Memory of every VM: the tiny image needs no more, and less RAM migrates faster. */
    public static final int MEMORY_MIB = 128;

    /**
     * One NIC.
     *
     * @param tap the host-side TAP device
     * @param mac the MAC the guest sees
     * @param address its address inside the guest, or null (then the guest leaves it unconfigured)
     * @param mtu its MTU inside the guest
     */
    public record Nic(String tap, MacAddress mac, Ipv4Prefix address, int mtu) {
        /** TAP and MAC are required. */
        public Nic {
            Objects.requireNonNull(tap, "tap");
            Objects.requireNonNull(mac, "mac");
        }
    }

    /** Copies the list. */
    public VmSpec {
        nics = List.copyOf(nics);
        image = VmImage.isDefault(image) ? null : image;
    }

    /**
     * A VM of the project's image.
     *
     * @param name the guest's name
     * @param nics its NICs
     */
    public VmSpec(String name, List<Nic> nics) {
        this(name, nics, null);
    }

    /**
     * @return the kernel command line: the image's base arguments, the hostname, one {@code vw.nic=} per addressed
     *         NIC (a user's kernel gets the same, for an initrd that understands them), {@code root=/dev/vda} with
     *         a disk
     */
    String kernelArgs() {
        List<String> args = new ArrayList<>(GuestImage.BASE_ARGS);
        args.add("vw.hostname=" + name);
        for (int i = 0; i < nics.size(); i++) {
            Nic n = nics.get(i);
            if (n.address() != null) {
                args.add(GuestImage.nicArg("eth" + i, n.address(), n.mtu()));
            }
        }
        if (image != null && image.disk() != null) {
            args.add("root=/dev/vda");
        }
        return String.join(" ", args);
    }

    /**
     * @param project the project's guest image, asked for only when the VM has no kernel of its own
     * @param diskFormat the format of a disk ({@code raw} or {@code qcow2})
     * @param files where this VM's files are on the host it runs on
     * @return QEMU's command line, without {@code -incoming}: the same on every host, as it names the same files
     */
    QemuCommand command(Supplier<GuestImage> project, Function<Path, String> diskFormat, VmFiles files) {
        QemuCommand c = new QemuCommand().memoryMiB(MEMORY_MIB).files(files.log(), files.qmp(), files.pid());
        if (image != null && image.kernel() != null) {
            c.boot(Path.of(image.kernel()), image.initrd() == null ? null : Path.of(image.initrd()), kernelArgs());
        } else {
            GuestImage own = project.get();
            c.boot(own.kernel(), own.initramfs(), kernelArgs());
        }
        if (image != null && image.disk() != null) {
            c.disk(Path.of(image.disk()), diskFormat.apply(Path.of(image.disk())));
        }
        nics.forEach(n -> c.nic(n.tap(), n.mac()));
        return c;
    }
}
