package org.virtualwire.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbeResult;

/**
 * The migration history on disk, as one JSON array. Each save writes a temporary file and renames it over
 * the old one, so a crash leaves either the old history or the new one, never half of it.
 */
final class HistoryFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    HistoryFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** @return the records saved, oldest first; none if there is no file yet */
    List<MigrationRecord> load() throws IOException {
        List<MigrationRecord> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        for (JsonNode n : JSON.readTree(file.toFile())) {
            records.add(fromJson(n));
        }
        return records;
    }

    static MigrationRecord fromJson(JsonNode n) {
        List<MigrationStep> steps = new ArrayList<>();
        for (JsonNode s : n.path("steps")) {
            steps.add(new MigrationStep(s.path("name").asText(), s.path("millis").asDouble(), s.path("detail").asText()));
        }
        return new MigrationRecord(n.path("id").asLong(), GuestId.of(n.path("guest").asText()),
                HostId.of(n.path("from").asText()), HostId.of(n.path("to").asText()),
                Instant.parse(n.path("started").asText()), steps, n.path("totalMillis").asDouble(),
                n.path("pauseMillis").asDouble(), MigrationRecord.Outcome.valueOf(n.path("outcome").asText()),
                n.path("error").asText(), n.has("probe") ? probe(n.path("probe")) : null);
    }

    private static ProbeResult probe(JsonNode p) {
        return new ProbeResult(EndpointId.parse(p.path("from").asText()), p.path("target").asText(),
                p.path("sent").asLong(), p.path("received").asLong(), p.path("lost").asLong(),
                p.path("duplicates").asLong(), p.path("reordered").asLong(), p.path("longestGapMillis").asDouble(),
                p.path("intervalMillis").asDouble());
    }

    static MigrationRecord fromJson(String text) throws IOException {
        return fromJson(JSON.readTree(text));
    }

    /** Replaces the file with these records. */
    void save(List<MigrationRecord> records) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        records.forEach(r -> array.add(toJson(r)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), array);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static ObjectNode toJson(MigrationRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("guest", r.guest().name());
        n.put("from", r.from().name());
        n.put("to", r.to().name());
        n.put("started", r.started().toString());
        n.put("totalMillis", r.totalMillis());
        n.put("pauseMillis", r.pauseMillis());
        n.put("outcome", r.outcome().name());
        n.put("error", r.error());
        ArrayNode steps = n.putArray("steps");
        for (MigrationStep s : r.steps()) {
            steps.addObject().put("name", s.name()).put("millis", s.millis()).put("detail", s.detail());
        }
        ProbeResult p = r.probe();
        if (p != null) {
            n.putObject("probe").put("from", p.from().toString()).put("target", p.target()).put("sent", p.sent())
                    .put("received", p.received()).put("lost", p.lost()).put("duplicates", p.duplicates())
                    .put("reordered", p.reordered()).put("longestGapMillis", p.longestGapMillis())
                    .put("intervalMillis", p.intervalMillis());
        }
        return n;
    }
}
