package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The format QEMU is told for a VM's disk. It is read from the disk's first bytes only when no QEMU of the VM
 * was started before: afterwards the format on record (in a {@code .machine} file of the VM on any host) is
 * kept. Else a guest could write qcow2's magic into its raw disk, and its next QEMU (after a restart, or the
 * destination of its next migration) would open the disk as qcow2, whose header may name any host file as its
 * backing file.
 */
final class DiskFormats {
    private final Path root;

    /** @param root the run folder of the driver's VMs, one folder per host */
    DiskFormats(Path root) {
        this.root = root;
    }

    /**
     * @param guest the VM
     * @param disk its disk
     * @return {@code raw} or {@code qcow2}
     * @throws UncheckedIOException if the format must be read from the disk and it cannot be read
     */
    String of(String guest, Path disk) {
        return onRecord(guest, disk).orElseGet(() -> {
            try {
                return UserImage.format(disk);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the disk " + disk + " of VM " + guest, e);
            }
        });
    }

    private Optional<String> onRecord(String guest, Path disk) {
        String drive = QemuCommand.drive(disk, "");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> hosts = Files.list(root)) {
            return hosts.map(h -> new VmFiles(h, guest)).flatMap(f -> f.read(f.machine()).stream())
                    .flatMap(String::lines).filter(l -> l.startsWith(drive)).map(l -> l.substring(drive.length()))
                    .filter(f -> f.equals("raw") || f.equals("qcow2")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
