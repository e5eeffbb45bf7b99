package org.virtualwire.tunnel.vxlan.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The {@link KernelPeerMain} child JVM as seen from the test: its output lines and its exit code. */
final class PeerProcess {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private PeerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readLines, "vwc-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -cp <our classpath> KernelPeerMain args...} inside {@code namespace}. */
    static PeerProcess start(String namespace, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        List<String> argv = new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace, java,
                "-cp", System.getProperty("java.class.path"), KernelPeerMain.class.getName()));
        argv.addAll(List.of(args));
        return new PeerProcess(new ProcessBuilder(argv).redirectErrorStream(true).start());
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                System.out.println("[peer] " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }

    /** The first line starting with {@code prefix}, waiting up to {@code seconds}; null if none came. */
    String awaitLine(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        do {
            String line = line(prefix);
            if (line != null || !process.isAlive() && !reader.isAlive()) {
                return line;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return null;
    }

    String line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
    }

    String output() {
        return String.join("\n", lines);
    }

    /** Closes the child's stdin, which tells it to stop, and returns its exit code (-1 if it hung). */
    int finish(int seconds) throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            destroy();
            return -1;
        }
        reader.join(TimeUnit.SECONDS.toMillis(seconds));
        return process.exitValue();
    }

    void destroy() {
        process.destroyForcibly();
    }
}
