package org.virtualwire.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * VM guests as the machine shows them: the guest image they boot, their QEMU processes (found by the host
 * namespace they run in) and their files in the local cloud's run folder, {@code /run/virtualwire/<prefix>/<host>/}
 * (pidfile, QMP socket, serial console). Used inside Karaf (the Pax Exam probe), so it needs only the JDK.
 */
final class Vms {
    /** The image folder, given by the build to both the test JVM and Karaf. */
    static final String IMAGE_PROPERTY = "vw.guest.image";
    /** scripts/guest-image.sh of this source tree. */
    static final String SCRIPT_PROPERTY = "vw.guest.image.script";
    private static final Path RUN = Path.of("/run/virtualwire");

    private Vms() {
    }

    /** @return the guest image folder (the tests run in itests/: the source tree's target/guest-image by default) */
    static String imageDir() {
        return absolute(System.getProperty(IMAGE_PROPERTY, "../target/guest-image"));
    }

    /** @return the script that builds the guest image */
    static String imageScript() {
        return absolute(System.getProperty(SCRIPT_PROPERTY, "../scripts/guest-image.sh"));
    }

    /**
     * Builds the guest image with the project's script if it is missing (scripts/prerequisites.sh builds it up
     * front), and fails, never skips, when QEMU or the image cannot be had: VM tests that do not run prove nothing.
     */
    static void ensureImage() throws IOException, InterruptedException {
        Path dir = Path.of(imageDir());
        if (!Files.isRegularFile(dir.resolve("vmlinuz")) || !Files.isRegularFile(dir.resolve("initramfs.gz"))) {
            Path log = Files.createTempFile("guest-image", ".log");
            Process p = new ProcessBuilder("bash", imageScript(), dir.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
            String output = Files.readString(log);
            Files.delete(log);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("cannot build the VM guest image with " + imageScript() + ":\n" + output);
            }
        }
        Netns.Result qemu = Netns.run(10, "qemu-system-x86_64", "--version");
        if (qemu.exit() != 0) {
            throw new AssertionError("QEMU is missing (scripts/prerequisites.sh installs it): " + qemu.out());
        }
    }

    /**
     * @param namespace a host's namespace
     * @return the QEMU processes that run in it
     */
    static List<Long> qemuPids(String namespace) {
        return Netns.pids(namespace).stream().filter(pid -> cmdline(pid).contains("qemu-system")).toList();
    }

    /**
     * @param namespace a host's namespace
     * @return the one QEMU that runs in it, waiting a little for it
     */
    static long onlyQemu(String namespace) {
        try {
            VirtualWireTestSupport.eventually(java.time.Duration.ofSeconds(30), () -> qemuPids(namespace).size() == 1,
                    "one QEMU in " + namespace);
        } catch (AssertionError e) {
            StringBuilder all = new StringBuilder();
            ProcessHandle.allProcesses().filter(p -> cmdline(p.pid()).contains("qemu-system")).forEach(p -> all
                    .append("\n  ").append(p.pid()).append(" in ").append(netns(p.pid())).append(": ")
                    .append(cmdline(p.pid()), 0, Math.min(160, cmdline(p.pid()).length())));
            throw new AssertionError(e.getMessage() + " (now " + qemuPids(namespace) + "); QEMUs on this machine:" + all, e);
        }
        return qemuPids(namespace).get(0);
    }

    /** @return the network namespace a process runs in, as the kernel names it (e.g. net:[4026532283]) */
    private static String netns(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /** @return the process's command line, arguments separated by spaces, or empty if it is gone */
    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * @param prefix the appliance's namespace prefix
     * @param host a host's name
     * @param guest a VM's name
     * @return the files of the VM in the host's run folder
     */
    static List<String> files(String prefix, String host, String guest) throws IOException {
        Path dir = RUN.resolve(prefix).resolve(host);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(guest + ".")).sorted().toList();
        }
    }

    /** @return the VM's serial console on the host (that of its QEMU before first, if it was started again) */
    static String console(String prefix, String host, String guest) {
        StringBuilder text = new StringBuilder();
        for (String name : new String[] {guest + ".log.prev", guest + ".log"}) {
            try {
                text.append(Files.readString(RUN.resolve(prefix).resolve(host).resolve(name)));
            } catch (IOException e) {
                // not there
            }
        }
        String all = text.toString();
        return all.isEmpty() ? "(no console log)" : all.substring(Math.max(0, all.length() - 3000));
    }

    /**
     * The last line of defence: QEMUs of the appliance's VMs still running (they outlive the namespace they run
     * in) are killed by their pid; the appliance's run folder goes when it is empty (the driver keeps it).
     *
     * @param prefix the appliance's namespace prefix
     * @return what was killed, empty if nothing
     */
    static List<String> killLeft(String prefix) {
        String marker = RUN.resolve(prefix) + "/";
        List<String> killed = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = cmdline(p.pid());
            if (cmd.contains("qemu-system") && cmd.contains(marker)) {
                p.destroyForcibly();
                killed.add(p.pid() + " " + cmd.substring(0, Math.min(200, cmd.length())));
            }
        });
        try {
            Files.deleteIfExists(RUN.resolve(prefix));
        } catch (IOException e) {
            // not empty: VM files left behind, which the tests that look for them report
        }
        return killed;
    }

    private static String absolute(String path) {
        return new File(path).toPath().toAbsolutePath().normalize().toString();
    }
}
