package org.virtualwire.driver.local;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.virtualwire.spi.linux.KernelException;

/**
 * A {@code tc -batch} process opened before it is needed, so that a batch runs without waiting for tc to
 * start, and so that its time is the kernel's alone: a marker command ({@code qdisc show dev lo}, which prints
 * a line) answers once tc is ready, and again once every line written before it has run. tc stops at the first
 * line that fails, which then shows as its exit.
 */
final class TcSession implements AutoCloseable {
    private static final String MARKER = "qdisc show dev lo\n";
    private static final long TIMEOUT_SECONDS = 10;

    private final String netns;
    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;
    private final CompletableFuture<String> err;

    private TcSession(String netns, Process process) {
        this.netns = netns;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.getOutputStream();
        this.err = drain(process.getErrorStream());
    }

    /**
     * @param netns the namespace the lines run in
     * @return a session whose tc is ready
     * @throws KernelException if tc did not start
     */
    static TcSession open(String netns) throws KernelException {
        Process p;
        try {
            p = new ProcessBuilder("tc", "-n", netns, "-batch", "-").start();
        } catch (IOException e) {
            throw new KernelException("tc -n " + netns + ": " + e.getMessage());
        }
        TcSession s = new TcSession(netns, p);
        try {
            s.send(MARKER);
        } catch (KernelException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * @param lines tc commands, without the tool's name
     * @return milliseconds from writing the first line to tc having run the last one
     * @throws KernelException naming the line that failed; the lines before it ran
     */
    double run(List<String> lines) throws KernelException {
        long start = System.nanoTime();
        send(String.join("\n", lines) + "\n" + MARKER);
        return (System.nanoTime() - start) / 1e6;
    }

    private void send(String text) throws KernelException {
        // read in this thread (the time measured is tc's, not a hand-over's); a stuck tc is killed
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        String line = null;
        try {
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
            line = out.readLine();
        } catch (IOException e) {
            // tc exited: its error output says why
        } finally {
            watchdog.cancel(false);
        }
        if (line == null) {
            close();
            throw new KernelException("tc -n " + netns + " -batch failed: " + err.join().strip());
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // tc is gone already
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.getMessage();
            }
        });
    }
}
