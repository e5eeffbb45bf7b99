package org.virtualwire.host.linux.qemu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What QEMU sent on one QMP connection: answers by command id, and every event in order. The reader thread
 * adds; callers wait. Events are kept (not consumed) because a caller often starts waiting for one, such as
 * RESUME, only after it has already arrived.
 */
final class QmpInbox {
    private final Map<String, JsonNode> answers = new HashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private boolean closed;

    synchronized void add(JsonNode message) {
        if (message.has("event")) {
            events.add(message);
        } else if (message.has("id")) {
            answers.put(message.get("id").asText(), message);
        }
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** @return the answer, or null if the connection closed or the time ran out first */
    synchronized JsonNode awaitAnswer(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); !answers.containsKey(id) && !closed && left > 0;
                left = deadline - System.nanoTime()) {
            waitFor(Math.max(1, left / 1_000_000));
        }
        return answers.remove(id);
    }

    synchronized Optional<JsonNode> awaitEvent(Predicate<JsonNode> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<JsonNode> hit = events.stream().filter(test).findFirst();
            long left = deadline - System.nanoTime();
            if (hit.isPresent() || closed || left <= 0) {
                return hit;
            }
            waitFor(Math.max(1, left / 1_000_000));
        }
    }

    private void waitFor(long ms) {
        try {
            wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for QEMU", e);
        }
    }
}
