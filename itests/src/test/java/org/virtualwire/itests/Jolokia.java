package org.virtualwire.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small Jolokia (JMX over HTTP) client, as any HTTP user would talk to the appliance. */
final class Jolokia {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;
    /** Further request headers, name then value. */
    private final List<String> headers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Jolokia(String base, String user, String password) {
        this(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                List.of());
    }

    private Jolokia(String base, String authorization, List<String> headers) {
        this.base = base;
        this.authorization = authorization;
        this.headers = headers;
    }

    /**
     * @param name a request header, e.g. {@code Origin}
     * @param value its value
     * @return this client, sending that header too (as a web page in a browser would)
     */
    Jolokia withHeader(String name, String value) {
        List<String> more = new ArrayList<>(headers);
        more.add(name);
        more.add(value);
        return new Jolokia(base, authorization, List.copyOf(more));
    }

    /**
     * @param path e.g. {@code /version}
     * @param withCredentials whether to log in
     * @return the HTTP status, or -1 if nothing answers
     */
    int status(String path, boolean withCredentials) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
        if (withCredentials) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * @param pattern an ObjectName pattern
     * @return the names of the registered MBeans that match it
     */
    List<String> search(String pattern) {
        Reply r = post(Map.of("type", "search", "mbean", pattern));
        List<String> names = new ArrayList<>();
        if (r.ok()) {
            r.value().forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    /**
     * @param mbean an MBean
     * @param attribute one of its attributes
     * @return its value
     */
    JsonNode read(String mbean, String attribute) {
        return readReply(mbean, attribute).orFail();
    }

    /**
     * @param mbean an MBean
     * @param attribute one of its attributes
     * @return the reply, refused or not
     */
    Reply readReply(String mbean, String attribute) {
        return post(Map.of("type", "read", "mbean", mbean, "attribute", attribute));
    }

    /**
     * @param mbean an MBean
     * @param operation an operation (with its signature in parentheses if overloaded)
     * @param arguments its arguments; a null is sent as JSON null
     * @return the reply, refused or not
     */
    Reply exec(String mbean, String operation, Object... arguments) {
        return post(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", Arrays.asList(arguments)));
    }

    private Reply post(Map<String, Object> request) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)));
            for (int i = 0; i < headers.size(); i += 2) {
                b.header(headers.get(i), headers.get(i + 1));
            }
            HttpRequest req = b.build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                return new Reply(resp.statusCode(), null, "HTTP " + resp.statusCode());
            }
            JsonNode body = JSON.readTree(resp.body());
            return new Reply(body.path("status").asInt(), body.get("value"), body.path("error").asText(""));
        } catch (IOException e) {
            return new Reply(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, null, "interrupted");
        }
    }

    /**
     * One Jolokia answer.
     *
     * @param status Jolokia's status (200, or 400 for a refused operation, ...)
     * @param value the result
     * @param error the error text when not 200
     */
    record Reply(int status, JsonNode value, String error) {
        boolean ok() {
            return status == 200;
        }

        JsonNode orFail() {
            if (!ok()) {
                throw new AssertionError("Jolokia request failed (" + status + "): " + error);
            }
            return value;
        }
    }
}
