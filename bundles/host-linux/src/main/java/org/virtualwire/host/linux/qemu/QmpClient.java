package org.virtualwire.host.linux.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A QEMU Machine Protocol connection over QEMU's Unix socket. One command runs at a time; events (RESUME,
 * MIGRATION, STOP, ...) are collected as they come so a caller can wait for one that already arrived.
 */
public final class QmpClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** QMP answers at once even during a migration; only a stopped or wedged QEMU takes longer. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private final SocketChannel channel;
    private final JsonNode greeting;
    private final QmpInbox inbox = new QmpInbox();
    private long nextId;

    private QmpClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first == null || !JSON.readTree(first).has("QMP")) {
            throw new IOException("no QMP greeting: " + first);
        }
        greeting = JSON.readTree(first).get("QMP");
        Thread reader = new Thread(() -> read(in), "qmp-" + channel.hashCode());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects, reads the greeting and leaves capabilities negotiation mode. Retries while QEMU has not
     * created its socket yet.
     *
     * @param socket the path given to {@code -qmp unix:PATH,server=on}
     * @param timeout how long to keep trying
     * @return a client ready for commands
     * @throws IOException if QEMU did not answer in time
     */
    public static QmpClient connect(Path socket, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                QmpClient client = new QmpClient(ch);
                client.execute("qmp_capabilities");
                return client;
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("QMP at " + socket + ": " + e.getMessage(), e);
                }
                sleep(20);
            }
        }
    }

    /** @return the {@code QMP} member of the greeting (version, capabilities) */
    public JsonNode greeting() {
        return greeting;
    }

    /**
     * @param command a QMP command without arguments
     * @return its {@code return} value
     */
    public JsonNode execute(String command) {
        return execute(command, Map.of());
    }

    /**
     * Runs a command and waits for its answer.
     *
     * @param command the QMP command, e.g. {@code query-migrate}
     * @param args its arguments (turned into JSON), may be empty
     * @return its {@code return} value
     * @throws QmpException with QMP's error class and description if the command failed, or if the
     *         connection closed (or QEMU did not answer in 30 s)
     */
    public synchronized JsonNode execute(String command, Map<String, ?> args) {
        String id = "vw-" + nextId++;
        ObjectNode msg = JSON.createObjectNode().put("execute", command).put("id", id);
        if (!args.isEmpty()) {
            msg.set("arguments", JSON.valueToTree(args));
        }
        try {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new QmpException(command, "Disconnected", e.getMessage());
        }
        JsonNode answer = inbox.awaitAnswer(id, COMMAND_TIMEOUT);
        if (answer == null) {
            throw new QmpException(command, "Disconnected", inbox.isClosed() ? "QEMU closed the QMP connection"
                    : "no answer in " + COMMAND_TIMEOUT.toSeconds() + " s");
        }
        if (answer.has("error")) {
            throw new QmpException(command, answer.path("error").path("class").asText(),
                    answer.path("error").path("desc").asText());
        }
        return answer.path("return");
    }

    /** @return every event received so far, oldest first */
    public List<JsonNode> events() {
        return inbox.events();
    }

    /**
     * Waits for an event, counting those that came before the call.
     *
     * @param name the event name, e.g. {@code RESUME} or {@code MIGRATION}
     * @param data a test on the event's {@code data} member
     * @param timeout how long to wait
     * @return the first matching event, or empty on timeout
     */
    public Optional<JsonNode> awaitEvent(String name, Predicate<JsonNode> data, Duration timeout) {
        return inbox.awaitEvent(e -> name.equals(e.path("event").asText()) && data.test(e.path("data")), timeout);
    }

    /** @return whether QEMU closed the connection (it quit or died) */
    public boolean closedByPeer() {
        return inbox.isClosed();
    }

    private void read(BufferedReader in) {
        try (in) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                inbox.add(JSON.readTree(line));
            }
        } catch (IOException | UncheckedIOException e) {
            // closed by us or by QEMU: either way no more answers come
        } finally {
            inbox.close();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
