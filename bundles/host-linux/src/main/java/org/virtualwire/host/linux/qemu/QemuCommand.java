package org.virtualwire.host.linux.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.virtualwire.api.MacAddress;

/**
 * The command line of one QEMU guest: TCG (KVM here cannot run stock kernels, see STACK.md), 128 MiB, no
 * default devices, serial console to a file, direct kernel boot, a virtio disk if the guest has one, one
 * TAP-backed virtio NIC per guest NIC, QMP on a Unix socket, daemonized with a pidfile. A migration
 * destination gets the same line plus {@code -incoming}: source and destination must describe the same machine.
 */
public final class QemuCommand {
    /**
     * One guest NIC: a TAP that already exists in the host namespace, and the guest's MAC.
     *
     * @param tap the TAP device's name
     * @param mac the MAC the guest sees
     */
    public record Nic(String tap, MacAddress mac) {
        /** Both are required. */
        public Nic {
            Objects.requireNonNull(tap, "tap");
            Objects.requireNonNull(mac, "mac");
        }
    }

    private String binary = "qemu-system-x86_64";
    private int memoryMiB = 128;
    private Path kernel;
    private Path initrd;
    private String append = "";
    private Path serialLog;
    private Path qmpSocket;
    private Path pidFile;
    private Path disk;
    private String diskFormat;
    private final List<Nic> nics = new ArrayList<>();
    private String incoming;

    public QemuCommand binary(String value) {
        binary = value;
        return this;
    }

    public QemuCommand memoryMiB(int value) {
        memoryMiB = value;
        return this;
    }

    /** Direct kernel boot: the guest image from {@code scripts/guest-image.sh}, or a user's own. */
    public QemuCommand boot(Path kernelImage, Path initramfs, String kernelArgs) {
        kernel = kernelImage;
        initrd = initramfs;
        append = kernelArgs;
        return this;
    }

    /**
     * A virtio disk, the guest's {@code /dev/vda}. For a migration both QEMUs open the same file (storage
     * both hosts share, as hosts of the local cloud do): QEMU's destination keeps it inactive until the guest
     * runs there, and only the guest's RAM and device state travel.
     *
     * @param file the image
     * @param format {@code raw} or {@code qcow2}
     */
    public QemuCommand disk(Path file, String format) {
        disk = file;
        diskFormat = format;
        return this;
    }

    /** Where the guest's serial console (ttyS0) is written, and QEMU's QMP socket and pidfile. */
    public QemuCommand files(Path serial, Path qmp, Path pid) {
        serialLog = serial;
        qmpSocket = qmp;
        pidFile = pid;
        return this;
    }

    public QemuCommand nic(String tap, MacAddress mac) {
        nics.add(new Nic(tap, mac));
        return this;
    }

    /**
     * Makes this a migration destination.
     *
     * @param uri {@code tcp:IP:PORT} to listen at once, or {@code defer} to be told later with
     *        {@code migrate-incoming}
     */
    public QemuCommand incoming(String uri) {
        incoming = uri;
        return this;
    }

    public Path qmpSocket() {
        return qmpSocket;
    }

    public Path pidFile() {
        return pidFile;
    }

    public Path serialLog() {
        return serialLog;
    }

    /**
     * @param disk a disk image
     * @param format its format
     * @return the value of {@code -drive} (a comma inside an option value is written twice)
     */
    static String drive(Path disk, String format) {
        return "file=" + disk.toString().replace(",", ",,") + ",if=virtio,format=" + format;
    }

    /** @return the full command line, binary first */
    public List<String> toArgs() {
        Objects.requireNonNull(kernel, "kernel: call boot(...)");
        Objects.requireNonNull(pidFile, "pidfile: call files(...)");
        List<String> a = new ArrayList<>(List.of(binary, "-accel", "tcg", "-cpu", "qemu64", "-m", Integer.toString(memoryMiB),
                "-nodefaults", "-display", "none", "-no-reboot", "-serial", "file:" + serialLog,
                "-kernel", kernel.toString()));
        if (initrd != null) {
            a.addAll(List.of("-initrd", initrd.toString()));
        }
        a.addAll(List.of("-append", append));
        if (disk != null) {
            a.addAll(List.of("-drive", drive(disk, diskFormat)));
        }
        for (int i = 0; i < nics.size(); i++) {
            Nic n = nics.get(i);
            a.addAll(List.of("-netdev", "tap,id=n" + i + ",ifname=" + n.tap() + ",script=no,downscript=no",
                    // romfile= : no iPXE option ROM, which direct kernel boot never uses
                    "-device", "virtio-net-pci,netdev=n" + i + ",mac=" + n.mac() + ",romfile="));
        }
        a.addAll(List.of("-qmp", "unix:" + qmpSocket + ",server=on,wait=off"));
        if (incoming != null) {
            a.addAll(List.of("-incoming", incoming));
        }
        a.addAll(List.of("-daemonize", "-pidfile", pidFile.toString()));
        return a;
    }
}
