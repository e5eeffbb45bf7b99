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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real {@link Kernel}: runs iproute2 tools and nft. Changes go in batches ({@code ip -batch -},
 * {@code tc -batch -}): one process for many kernel changes, which is what keeps applying thousands of wire ends
 * fast. Stateless: one instance may serve every caller.
 */
public final class LinuxKernel implements Kernel {
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;
    private static final long SLOW_BATCH_MS = 1000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LinuxKernel.class);

    /** The real kernel of this machine. */
    public LinuxKernel() {
    }

    @Override
    public String run(List<String> command, String stdin, int highestOkExit) throws KernelException {
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

    @Override
    public void batch(String tool, String netns, List<String> lines) throws KernelException {
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

    @Override
    public void batchTolerant(String tool, String netns, List<String> lines) throws KernelException {
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

    @Override
    public boolean netnsExists(String name) {
        return Files.exists(NETNS_DIR.resolve(name));
    }

    @Override
    public Set<String> netns(String prefix) {
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

    @Override
    public List<Link> links(String netns) throws KernelException {
        List<String> command = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            command.addAll(List.of("-n", netns));
        }
        command.addAll(List.of("-d", "-s", "-j", "link", "show"));
        return parseLinks(run(command, null));
    }

    @Override
    public void nftApply(String netns, List<String> lines) throws KernelException {
        Nft.apply(this, netns, lines);
    }

    @Override
    public Optional<List<String>> nftElements(String netns, String family, String table, String set)
            throws KernelException {
        return Nft.elements(this, netns, family, table, set);
    }

    @Override
    public OptionalLong nftCounter(String netns, String family, String table, String counter)
            throws KernelException {
        return Nft.counter(this, netns, family, table, counter);
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
