package org.virtualwire.host.linux.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The client against a stand-in QMP server on a real Unix socket, speaking QEMU's wire format (the real QEMU
 * is exercised by {@link QemuLiveMigrationTest}, which needs root).
 */
class QmpClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("qmp.sock")));
        Thread t = new Thread(this::serve, "fake-qmp");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** Answers like QEMU: an event before the answer, errors with class and desc, the caller's id echoed. */
    private void serve() {
        try (SocketChannel ch = server.accept();
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Channels.newOutputStream(ch), true, StandardCharsets.UTF_8)) {
            out.println("{\"QMP\": {\"version\": {\"qemu\": {\"major\": 7}}, \"capabilities\": [\"oob\"]}}");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode cmd = JSON.readTree(line);
                received.add(cmd);
                String id = JSON.writeValueAsString(cmd.path("id"));
                switch (cmd.path("execute").asText()) {
                    case "qmp_capabilities", "announce-self" -> out.println("{\"return\": {}, \"id\": " + id + "}");
                    case "query-status" -> {
                        out.println("{\"timestamp\": {\"seconds\": 1, \"microseconds\": 5}, \"event\": \"RESUME\"}");
                        out.println("{\"return\": {\"status\": \"running\", \"running\": true}, \"id\": " + id + "}");
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> out.println("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command "
                            + cmd.path("execute").asText() + " has not been found\"}, \"id\": " + id + "}");
                }
            }
        } catch (IOException e) {
            // the test closed the server
        }
    }

    @Test
    void negotiatesThenAnswersAndKeepsEventsThatCameFirst() throws IOException {
        try (QmpClient qmp = QmpClient.connect(dir.resolve("qmp.sock"), Duration.ofSeconds(5))) {
            assertEquals(7, qmp.greeting().path("version").path("qemu").path("major").asInt());
            assertEquals("qmp_capabilities", received.get(0).path("execute").asText());
            assertEquals("running", qmp.execute("query-status").path("status").asText());
            assertTrue(qmp.awaitEvent("RESUME", d -> true, Duration.ofMillis(1)).isPresent(), "event sent before the answer");
            assertTrue(qmp.awaitEvent("STOP", d -> true, Duration.ofMillis(50)).isEmpty());
            qmp.execute("announce-self", Map.of("initial", 50, "rounds", 5));
            assertEquals(5, received.get(received.size() - 1).path("arguments").path("rounds").asInt());
        }
    }

    @Test
    void aRefusedCommandCarriesQmpsDescription() throws IOException {
        try (QmpClient qmp = QmpClient.connect(dir.resolve("qmp.sock"), Duration.ofSeconds(5))) {
            QmpException e = assertThrows(QmpException.class, () -> qmp.execute("frobnicate"));
            assertEquals("CommandNotFound", e.errorClass());
            assertTrue(e.getMessage().contains("The command frobnicate has not been found"), e.getMessage());
            assertEquals("running", qmp.execute("query-status").path("status").asText(), "still usable after an error");
        }
    }

    @Test
    void aCommandFailsWhenQemuGoesAway() throws IOException {
        try (QmpClient qmp = QmpClient.connect(dir.resolve("qmp.sock"), Duration.ofSeconds(5))) {
            QmpException e = assertThrows(QmpException.class, () -> qmp.execute("quit"));
            assertEquals("Disconnected", e.errorClass());
            assertTrue(qmp.closedByPeer());
        }
    }
}
