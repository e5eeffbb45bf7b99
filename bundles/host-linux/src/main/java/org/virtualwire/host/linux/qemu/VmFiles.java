package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of one VM on one host, in that host's run folder: QEMU's pidfile, QMP socket and serial log, and
 * what the driver remembers about it. They outlive the JVM, which is how a restarted driver finds its QEMUs
 * again (and only its own). Source and destination of a migration each have their own set.
 *
 * @param dir the host's run folder
 * @param guest the guest's name
 */
record VmFiles(Path dir, String guest) {
    private static final List<String> SUFFIXES = List.of(".pid", ".qmp", ".log", ".log.prev", ".machine", ".incoming",
            ".moved");

    /** QEMU's pidfile. */
    Path pid() {
        return dir.resolve(guest + ".pid");
    }

    /** QEMU's QMP socket (a Unix socket path is limited to 107 bytes: the folder names are short). */
    Path qmp() {
        return dir.resolve(guest + ".qmp");
    }

    /** The guest's serial console. */
    Path log() {
        return dir.resolve(guest + ".log");
    }

    /** The serial console of the QEMU before, kept when it is started again: it tells why that one ended. */
    Path previousLog() {
        return dir.resolve(guest + ".log.prev");
    }

    /** The command line the running QEMU was started with, less {@code -incoming}: a change means a restart. */
    Path machine() {
        return dir.resolve(guest + ".machine");
    }

    /** Where an incoming QEMU listens for the migration stream ({@code tcp:ADDRESS:PORT}). */
    Path incoming() {
        return dir.resolve(guest + ".incoming");
    }

    /** Written when the guest left this host by live migration: its QEMU quit and must not be restarted here. */
    Path moved() {
        return dir.resolve(guest + ".moved");
    }

    /** @return a command naming these files, to find the QEMU by its pidfile */
    QemuCommand command() {
        return new QemuCommand().files(log(), qmp(), pid());
    }

    Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path file, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void rename(Path file, Path to) {
        try {
            if (Files.exists(file)) {
                Files.move(file, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + file, e);
        }
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Removes every file of the guest here. */
    void deleteAll() {
        SUFFIXES.forEach(s -> delete(dir.resolve(guest + s)));
    }

    /**
     * @param dir a host's run folder
     * @return the guests that have files in it
     */
    static Set<String> guestsIn(Path dir) {
        Set<String> guests = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return guests;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).forEach(n -> SUFFIXES.stream().filter(n::endsWith)
                    .findFirst().ifPresent(s -> guests.add(n.substring(0, n.length() - s.length()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return guests;
    }
}
