package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;

class CloudCommandsTest {
    private final FakeWires fake = new FakeWires();

    @Test
    void addPassesDriverAndProperties() throws Exception {
        CloudAddCommand add = new CloudAddCommand();
        add.name = "lab";
        add.driver = "local";
        add.properties = List.of("subnet=198.19.0.0/16", "mtu = 9000");
        String out = Console.run(add, fake);
        assertEquals("Cloud lab added (driver local)\n", out);
        assertEquals(Map.of("subnet", "198.19.0.0/16", "mtu", "9000"), fake.cloud(CloudId.of("lab")).orElseThrow().properties());
        assertEquals(1, fake.awaits);
    }

    @Test
    void malformedPropertyIsRefusedBeforeAnythingChanges() throws Exception {
        CloudAddCommand add = new CloudAddCommand();
        add.name = "lab";
        add.driver = "local";
        add.properties = List.of("subnet");
        String out = Console.run(add, fake);
        assertEquals("Error: malformed property 'subnet': write key=value\n", out);
        assertFalse(fake.cloud(CloudId.of("lab")).isPresent());
    }

    @Test
    void badNameNamesTheProblem() throws Exception {
        CloudAddCommand add = new CloudAddCommand();
        add.name = "Lab_1";
        add.driver = "local";
        String out = Console.run(add, fake);
        assertTrue(out.startsWith("Error: invalid cloud name 'Lab_1'"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void listAsTableAndJson() throws Exception {
        fake.addCloud(CloudId.of("lab"), "local", Map.of("mtu", "9000", "subnet", "198.19.0.0/16"));
        String table = Console.run(new CloudListCommand(), fake);
        assertTrue(table.contains("Name"), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("lab") && l.contains("mtu=9000 subnet=198.19.0.0/16")), table);

        CloudListCommand list = new CloudListCommand();
        list.json = true;
        JsonNode json = Console.json(Console.run(list, fake));
        assertTrue(json.isArray());
        assertEquals(2, json.size());
        assertEquals("lab", json.get(0).get("name").asText());
        assertEquals("9000", json.get(0).get("properties").get("mtu").asText());
        assertEquals("local", json.get(1).get("driver").asText());
    }

    @Test
    void removeUnknownCloudPrintsTheMessage() throws Exception {
        CloudRemoveCommand remove = new CloudRemoveCommand();
        remove.name = "nowhere";
        assertEquals("Error: unknown cloud 'nowhere'\n", Console.run(remove, fake));
        assertEquals(0, fake.awaits);
    }
}
