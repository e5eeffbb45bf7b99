package org.virtualwire.spi.linux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs iproute2 tools. Changes go in batches ({@code ip -batch -}, {@code tc -batch -}): one process for
 * many kernel changes, which is what keeps applying thousands of wire ends fast.
 */
public final class Kernel {
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;
    private static final int DOOMED_GROUP = 77;
    private static final long SLOW_BATCH_MS = 1000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Kernel.class);

    private Kernel() {
    }

    /**
     * Runs a command and returns what it printed.
     *
     * @param command the command and its arguments
     * @param stdin text for its standard input, or null
     * @return its standard output
     * @throws KernelException if it exits with an error, naming the command and its error output
     */
    public static String run(List<String> command, String stdin) throws KernelException {
        return run(command, stdin, 0);
    }

    /**
     * Runs a command and returns what it printed, taking some non-zero exit codes as success (ping exits 1
     * when packets were lost, with a whole output).
     *
     * @param command the command and its arguments
     * @param stdin text for its standard input, or null
     * @param highestOkExit the highest exit code that is not an error
     * @return its standard output
     * @throws KernelException if it exits above highestOkExit, naming the command and its error output
     */
    public static String run(List<String> command, String stdin, int highestOkExit) throws KernelException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new KernelException(String.join(" ", command) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the tool exited early; its error output says why
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KernelException(String.join(" ", command) + ": no answer in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() < 0 || p.exitValue() > highestOkExit) {
                throw new KernelException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + err.join().strip());
            }
            return out.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KernelException(String.join(" ", command) + ": interrupted");
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Runs a batch of {@code ip} or {@code tc} commands in one process; stops at the first failure.
     *
     * @param tool {@code ip} or {@code tc}
     * @param netns namespace to run in, or null for the current one
     * @param lines the commands, without the tool's name
     * @throws KernelException if a command failed
     */
    public static void batch(String tool, String netns, List<String> lines) throws KernelException {
        if (lines.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(tool));
        if (netns != null) {
            command.addAll(List.of("-n", netns));
        }
        command.addAll(List.of("-batch", "-"));
        long start = System.nanoTime();
        run(command, String.join("\n", lines) + "\n");
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > SLOW_BATCH_MS) {
            LOG.info("{} -n {} -batch: {} commands in {} ms", tool, netns, lines.size(), millis);
        }
    }

    /**
     * Runs a batch of commands whose failures do not matter (removing what may already be gone): every
     * command is tried, errors are ignored.
     *
     * @param tool {@code ip} or {@code tc}
     * @param netns namespace to run in, or null for the current one
     * @param lines the commands, without the tool's name
     * @throws KernelException if the tool could not run at all
     */
    public static void batchTolerant(String tool, String netns, List<String> lines) throws KernelException {
        if (lines.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(tool, "-force"));
        if (netns != null) {
            command.addAll(List.of("-n", netns));
        }
        command.addAll(List.of("-batch", "-"));
        run(command, String.join("\n", lines) + "\n", 1);
    }

    /**
     * Deletes devices in one kernel operation: they join a group that is then deleted at once, which the
     * kernel does in one pass (one by one costs about 28 ms a device here).
     *
     * @param netns namespace of the devices, or null for the current one
     * @param devices device names
     * @throws KernelException if the deletion failed
     */
    public static void deleteLinks(String netns, List<String> devices) throws KernelException {
        if (devices.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        devices.forEach(d -> lines.add("link set dev " + d + " group " + DOOMED_GROUP));
        lines.add("link del group " + DOOMED_GROUP);
        batch("ip", netns, lines);
    }

    /**
     * Runs one command in a namespace through {@code ip netns exec}.
     *
     * @param netns the namespace
     * @param command the command
     * @return what it printed
     * @throws KernelException if it failed
     */
    public static String exec(String netns, String... command) throws KernelException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(command));
        return run(full, null);
    }

    /**
     * @param name a namespace name
     * @return whether it exists
     */
    public static boolean netnsExists(String name) {
        return Files.exists(NETNS_DIR.resolve(name));
    }

    /**
     * @param prefix a name prefix
     * @return names of the namespaces that start with it
     */
    public static Set<String> netns(String prefix) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(NETNS_DIR)) {
            return names;
        }
        try (Stream<Path> list = Files.list(NETNS_DIR)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * @param netns a namespace, or null for the current one
     * @return every link in it, with details and counters
     * @throws KernelException if the namespace cannot be read
     */
    public static List<Link> links(String netns) throws KernelException {
        List<String> command = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            command.addAll(List.of("-n", netns));
        }
        command.addAll(List.of("-d", "-s", "-j", "link", "show"));
        return parseLinks(run(command, null));
    }

    static List<Link> parseLinks(String json) throws KernelException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new KernelException("cannot read ip's JSON: " + e.getMessage());
        }
        List<Link> links = new ArrayList<>();
        for (JsonNode n : root) {
            JsonNode info = n.path("linkinfo");
            JsonNode data = info.path("info_data");
            boolean up = false;
            for (JsonNode f : n.path("flags")) {
                up |= "UP".equals(f.asText());
            }
            links.add(new Link(n.path("ifname").asText(), n.path("ifindex").asInt(), info.path("info_kind").asText(""),
                    n.path("ifalias").asText(""), n.path("mtu").asInt(), up, n.path("master").asText(""),
                    data.path("id").asInt(0), data.path("remote").asText(""), stats(n.path("stats64"))));
        }
        return links;
    }

    private static Link.Stats stats(JsonNode s) {
        JsonNode rx = s.path("rx");
        JsonNode tx = s.path("tx");
        return new Link.Stats(rx.path("packets").asLong(), rx.path("bytes").asLong(), rx.path("dropped").asLong(),
                tx.path("packets").asLong(), tx.path("bytes").asLong(), tx.path("dropped").asLong());
    }
}
