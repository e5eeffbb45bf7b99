package org.virtualwire.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real browser for page tests: Debian's headless Chromium, driven through its DevTools protocol over a
 * WebSocket (JDK's HTTP client). It answers the page's login challenges with the credentials it was given, as a
 * user who typed them into the browser's dialog would (Fetch.authRequired).
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final String user;
    private final String password;

    private Chromium(Process process, Path profile, WebSocket socket, String user, String password, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        this.user = user;
        this.password = password;
        listener.owner = this;
    }

    /**
     * @param user login the browser gives when a page asks
     * @param password its password
     * @return a headless Chromium with one blank tab, logging in as that user
     * @throws IOException if chromium is not installed (scripts/prerequisites.sh) or does not start
     */
    static Chromium start(String user, String password) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("vwi-chromium-");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--window-size=1400,900", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserWs = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String line; browserWs == null && System.nanoTime() < deadline && (line = err.readLine()) != null;) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browserWs = m.group(1);
            }
        }
        if (browserWs == null) {
            p.destroyForcibly();
            throw new IOException("chromium did not open its DevTools port (installed? scripts/prerequisites.sh)");
        }
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        URI ws = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + ws.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageWs = null;
        for (JsonNode target : JSON.readTree(list)) {
            if ("page".equals(target.path("type").asText())) {
                pageWs = target.path("webSocketDebuggerUrl").asText();
            }
        }
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), listener).join();
        Chromium c = new Chromium(p, profile, socket, user, password, listener);
        c.call("Page.enable", Map.of());
        c.call("Runtime.enable", Map.of());
        c.call("Fetch.enable", Map.of("handleAuthRequests", true));
        return c;
    }

    /**
     * @param url where to go
     */
    void open(String url) {
        call("Page.navigate", Map.of("url", url));
    }

    /**
     * @param expression JavaScript, run in the page
     * @return its value, as JSON
     */
    JsonNode eval(String expression) {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return r.path("result").path("value");
    }

    /**
     * Drags with the mouse, as a user would: press, move in steps, release.
     *
     * @param fromX where to press (CSS pixels in the window)
     * @param fromY where to press
     * @param toX where to release
     * @param toY where to release
     */
    void drag(int fromX, int fromY, int toX, int toY) {
        mouse("mousePressed", fromX, fromY, 1);
        for (int i = 1; i <= 10; i++) {
            mouse("mouseMoved", fromX + (toX - fromX) * i / 10, fromY + (toY - fromY) * i / 10, 1);
        }
        mouse("mouseReleased", toX, toY, 0);
    }

    private void mouse(String type, int x, int y, int buttons) {
        call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "buttons", buttons,
                "clickCount", 1));
    }

    /**
     * @param file where to write a PNG of the tab
     */
    void screenshot(Path file) throws IOException {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
    }

    /** A DevTools command; its result, or an AssertionError with the browser's error. */
    JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        send(msg);
        try {
            JsonNode r = answer.get(30, TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new AssertionError(method + ": " + r.get("error"));
            }
            return r.path("result");
        } catch (Exception e) {
            throw new AssertionError(method + " unanswered: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private synchronized void send(ObjectNode msg) {
        socket.sendText(msg.toString(), true).join();
    }

    /** Messages from the browser: answers to commands, and the login challenges, answered without waiting. */
    private void received(JsonNode msg) {
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(msg.get("id").asInt());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        String method = msg.path("method").asText();
        JsonNode params = msg.path("params");
        if (method.equals("Fetch.authRequired")) {
            ObjectNode reply = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("method", "Fetch.continueWithAuth");
            ObjectNode p = reply.putObject("params").put("requestId", params.path("requestId").asText());
            p.putObject("authChallengeResponse").put("response", "ProvideCredentials").put("username", user)
                    .put("password", password);
            send(reply);
        } else if (method.equals("Fetch.requestPaused")) {
            ObjectNode reply = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("method", "Fetch.continueRequest");
            reply.putObject("params").put("requestId", params.path("requestId").asText());
            send(reply);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.abort();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                Chromium c = owner;
                if (c != null) {
                    try {
                        JsonNode msg = JSON.readTree(message);
                        // answers to auth challenges go out from another thread: this one must go on reading
                        CompletableFuture.runAsync(() -> c.received(msg));
                    } catch (IOException e) {
                        // not JSON: nothing the protocol sends
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
