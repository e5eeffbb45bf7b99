package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs a command by hand, as Karaf would after injecting its references, and returns what it printed. */
final class Console {
    private Console() {
    }

    static String run(VwAction command, FakeWires fake) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.wireService = fake;
        if (command instanceof ChangeAction change) {
            change.admin = fake;
        }
        assertNull(command.execute());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static JsonNode json(String output) throws Exception {
        return new ObjectMapper().readTree(output);
    }
}
