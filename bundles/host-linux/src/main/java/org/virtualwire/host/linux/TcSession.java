package org.virtualwire.host.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtualwire.spi.linux.KernelException;

/**
 * A {@code tc -force -batch} process opened before it is needed, so that a batch runs without waiting for tc
 * to start, and so that its time is the kernel's alone. tc says nothing when a line works and
 * {@code Command failed -:<line>} when one fails; a marker line that always fails (a device no name can
 * match) therefore tells when tc is ready, and when every line written before it has run, whatever the
 * namespace holds.
 */
final class TcSession implements AutoCloseable {
    private static final String MARKER = "qdisc show dev no-device-has-this-name";
    private static final Pattern FAILED = Pattern.compile("^Command failed -:(\\d+)$");
    private static final long TIMEOUT_SECONDS = 10;

    private final String netns;
    private final Process process;
    private final BufferedReader err;
    private final OutputStream in;
    private int lines;

    private TcSession(String netns, Process process) {
        this.netns = netns;
        this.process = process;
        this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        this.in = process.getOutputStream();
        discard(process.getInputStream());
    }

    /**
     * @param netns the namespace the lines run in
     * @return a session whose tc is ready
     * @throws KernelException if tc did not start
     */
    static TcSession open(String netns) throws KernelException {
        Process p;
        try {
            p = new ProcessBuilder("tc", "-force", "-n", netns, "-batch", "-").start();
        } catch (IOException e) {
            throw new KernelException("tc -n " + netns + ": " + e.getMessage());
        }
        TcSession s = new TcSession(netns, p);
        try {
            s.send(List.of());
        } catch (KernelException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Runs lines; every line is tried, even after one failed.
     *
     * @param batch tc commands, without the tool's name
     * @return milliseconds from writing the first line to tc having run the last one
     * @throws KernelException naming the lines that failed and why
     */
    double run(List<String> batch) throws KernelException {
        long start = System.nanoTime();
        send(batch);
        return (System.nanoTime() - start) / 1e6;
    }

    private void send(List<String> batch) throws KernelException {
        int first = lines + 1;
        lines += batch.size() + 1;
        int marker = lines;
        StringBuilder text = new StringBuilder();
        batch.forEach(l -> text.append(l).append('\n'));
        text.append(MARKER).append('\n');
        // read in this thread (the time measured is tc's, not a hand-over's); a stuck tc is killed
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        List<String> failures = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        boolean done = false;
        try {
            in.write(text.toString().getBytes(StandardCharsets.UTF_8));
            in.flush();
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                Matcher m = FAILED.matcher(line.strip());
                if (!m.matches()) {
                    why.append(why.length() == 0 ? "" : " ").append(line.strip());
                    continue;
                }
                int n = Integer.parseInt(m.group(1));
                if (n == marker) {
                    done = true;
                    break;
                }
                failures.add((n >= first && n < marker ? "'" + batch.get(n - first) + "': " : "line " + n + ": ") + why);
                why.setLength(0);
            }
        } catch (IOException e) {
            failures.add(e.getMessage());
        } finally {
            watchdog.cancel(false);
        }
        if (!done) {
            failures.add("tc ended " + (why.length() == 0 ? "before it answered" : why.toString()));
        }
        if (!failures.isEmpty()) {
            throw new KernelException("tc -n " + netns + " -batch: " + String.join("; ", failures));
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

    private static void discard(InputStream stream) {
        CompletableFuture.runAsync(() -> {
            try (stream) {
                stream.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // tc is gone
            }
        });
    }
}
