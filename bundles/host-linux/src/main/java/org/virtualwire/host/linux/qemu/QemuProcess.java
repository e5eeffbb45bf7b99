package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * A daemonized QEMU started inside a host's network namespace (so its TAPs and its migration socket are that
 * host's), known afterwards only by the pid in its pidfile: it outlives the JVM that started it, and a
 * restarted controller finds it again with {@link #attach}.
 */
public final class QemuProcess {
    private final long pid;
    private final String netns;
    private final QemuCommand command;

    private QemuProcess(long pid, String netns, QemuCommand command) {
        this.pid = pid;
        this.netns = netns;
        this.command = command;
    }

    /**
     * Starts QEMU and returns once it has daemonized: its pidfile, QMP socket and {@code -incoming} listener
     * then exist, and the guest is booting.
     *
     * @param kernel where QEMU is started
     * @param netns the host namespace
     * @param command the QEMU command line
     * @return the running QEMU
     * @throws KernelException if QEMU refused to start; the message carries its error output
     */
    public static QemuProcess start(Kernel kernel, String netns, QemuCommand command) throws KernelException {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        line.addAll(command.toArgs());
        kernel.run(line, null);
        return attach(netns, command)
                .orElseThrow(() -> new KernelException("QEMU in " + netns + " started but wrote no pid to " + command.pidFile()));
    }

    /**
     * @param netns the namespace it runs in
     * @param command its command line (for the file paths)
     * @return the QEMU whose pidfile names a live QEMU process, or empty
     */
    public static Optional<QemuProcess> attach(String netns, QemuCommand command) {
        try {
            long pid = Long.parseLong(Files.readString(command.pidFile()).strip());
            QemuProcess p = new QemuProcess(pid, netns, command);
            return p.isAlive() ? Optional.of(p) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public long pid() {
        return pid;
    }

    public String netns() {
        return netns;
    }

    public QemuCommand command() {
        return command;
    }

    /**
     * @return whether the process lives and is still this QEMU: pids are reused, so it must be a QEMU started
     *         with this pidfile (never someone else's process)
     */
    public boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::info)
                .filter(i -> i.command().map(c -> Path.of(c).getFileName().toString().startsWith("qemu-system")).orElse(false))
                .map(i -> i.arguments().map(a -> List.of(a).contains(command.pidFile().toString())).orElse(false))
                .orElse(false);
    }

    /**
     * @param timeout how long to wait for the socket
     * @return a QMP connection to this QEMU
     * @throws IOException if QMP does not answer
     */
    public QmpClient qmp(Duration timeout) throws IOException {
        return QmpClient.connect(command.qmpSocket(), timeout);
    }

    /**
     * Ends QEMU: SIGTERM (QEMU exits cleanly on it), then SIGKILL after the grace period.
     *
     * @param grace how long to wait before killing
     * @return whether it is gone
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(x -> isAlive());
        if (h.isEmpty()) {
            return true;
        }
        h.get().destroy();
        if (!awaitExit(grace)) {
            h.get().destroyForcibly();
            awaitExit(Duration.ofSeconds(5));
        }
        return !isAlive();
    }

    /**
     * Waits for the guest to print a line on its serial console, such as {@link GuestImage#READY}.
     *
     * @param text what to look for
     * @param timeout how long to wait
     * @return whether it appeared; false at once if QEMU ended (a guest panic ends it: {@code -no-reboot})
     * @throws IOException if the log cannot be read
     */
    public boolean awaitConsole(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = command.serialLog();
        while (System.nanoTime() < deadline) {
            boolean alive = isAlive();
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return true;
            }
            if (!alive) {
                return false;
            }
            QmpClient.sleep(20);
        }
        return false;
    }

    /**
     * @param timeout how long to wait
     * @return whether the process ended in time
     */
    public boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            QmpClient.sleep(10);
        }
        return true;
    }

    @Override
    public String toString() {
        return "QEMU pid " + pid + " in " + netns;
    }
}
