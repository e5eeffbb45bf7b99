package org.virtualwire.driver.local.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;

/**
 * A VM guest as the local driver runs it from the project's guest image: its NICs in guest order (the i-th is
 * {@code eth<i>} inside, since the guest kernel names virtio NICs in PCI order), each backed by a TAP of the
 * host. Source and destination of a migration build the same spec from the same plan, so they describe the
 * same machine, as QEMU requires.
 *
 * @param name the guest's name (its hostname inside)
 * @param nics its NICs
 */
public record VmSpec(String name, List<Nic> nics) {
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
    }

    /** @return the kernel command line: the image's base arguments, the hostname, one {@code vw.nic=} per addressed NIC */
    String kernelArgs() {
        List<String> args = new ArrayList<>(GuestImage.BASE_ARGS);
        args.add("vw.hostname=" + name);
        for (int i = 0; i < nics.size(); i++) {
            Nic n = nics.get(i);
            if (n.address() != null) {
                args.add(GuestImage.nicArg("eth" + i, n.address(), n.mtu()));
            }
        }
        return String.join(" ", args);
    }

    /**
     * @param image the guest image
     * @param files where this VM's files are on the host it runs on
     * @return QEMU's command line, without {@code -incoming}
     */
    QemuCommand command(GuestImage image, VmFiles files) {
        QemuCommand c = new QemuCommand().memoryMiB(MEMORY_MIB).boot(image.kernel(), image.initramfs(), kernelArgs())
                .files(files.log(), files.qmp(), files.pid());
        nics.forEach(n -> c.nic(n.tap(), n.mac()));
        return c;
    }
}
