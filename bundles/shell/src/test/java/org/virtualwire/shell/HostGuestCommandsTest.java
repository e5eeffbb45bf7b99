package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.WireId;

class HostGuestCommandsTest {
    private final FakeWires fake = new FakeWires();

    @Test
    void hostAddUsesTheLocalCloudByDefault() throws Exception {
        HostAddCommand add = new HostAddCommand();
        add.name = "h1";
        assertEquals("Host h1 added (cloud local, underlay 198.18.0.1)\n", Console.run(add, fake));
        assertEquals("local", fake.host(HostId.of("h1")).orElseThrow().cloud().name());
    }

    @Test
    void hostAddWarnsWhenAgentsLagBehind() throws Exception {
        fake.applies = false;
        HostAddCommand add = new HostAddCommand();
        add.name = "h1";
        add.address = "198.18.0.9";
        String out = Console.run(add, fake);
        assertTrue(out.startsWith("Host h1 added (cloud local, underlay 198.18.0.9)\nWarning: not applied"), out);
    }

    @Test
    void hostListShowsStatusInTableAndJson() throws Exception {
        fake.withTwoGuests();
        String table = Console.run(new HostListCommand(), fake);
        assertTrue(table.lines().anyMatch(l -> l.contains("h2") && l.contains("198.18.0.2") && l.contains("UP")), table);
        HostListCommand list = new HostListCommand();
        list.json = true;
        JsonNode json = Console.json(Console.run(list, fake));
        assertEquals(2, json.size());
        assertEquals("h1", json.get(0).get("name").asText());
        assertEquals("UP", json.get(0).get("status").asText());
        assertEquals("198.18.0.1", json.get(0).get("address").asText());
    }

    @Test
    void hostRemoveOfUnknownHost() throws Exception {
        HostRemoveCommand remove = new HostRemoveCommand();
        remove.name = "h9";
        assertEquals("Error: unknown host 'h9'\n", Console.run(remove, fake));
    }

    @Test
    void guestAddParsesKind() throws Exception {
        fake.addHost(HostId.of("h1"), CloudId.of("local"), null);
        GuestAddCommand add = new GuestAddCommand();
        add.name = "sw1";
        add.kind = "Switch";
        add.host = "h1";
        assertEquals("Guest sw1 added (switch on host h1)\n", Console.run(add, fake));
        assertEquals(GuestKind.SWITCH, fake.guest(GuestId.of("sw1")).orElseThrow().kind());
    }

    @Test
    void guestAddGivesAVmItsOwnFilesAndTheListShowsThemShortly() throws Exception {
        fake.addHost(HostId.of("h1"), CloudId.of("local"), null);
        fake.addGuest(GuestId.of("plain"), GuestKind.VM, HostId.of("h1"));
        GuestAddCommand add = new GuestAddCommand();
        add.name = "vm1";
        add.kind = "vm";
        add.host = "h1";
        add.kernel = "/srv/vm/bzImage-6.1";
        add.disk = "/srv/vm/root.qcow2";
        assertEquals("Guest vm1 added (vm on host h1, kernel=/srv/vm/bzImage-6.1 disk=/srv/vm/root.qcow2)\n",
                Console.run(add, fake));
        assertEquals(new VmImage("/srv/vm/bzImage-6.1", null, "/srv/vm/root.qcow2"), fake.guest(GuestId.of("vm1")).orElseThrow().image());

        String table = Console.run(new GuestListCommand(), fake);
        assertTrue(table.lines().anyMatch(l -> l.contains("vm1") && l.contains("bzImage-6.1 +disk") && !l.contains("/srv")), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("plain") && l.contains("default")), table);
        GuestListCommand list = new GuestListCommand();
        list.json = true;
        JsonNode json = Console.json(Console.run(list, fake));
        assertEquals("/srv/vm/root.qcow2", json.get(1).get("image").get("disk").asText(), json.toString());
        assertTrue(json.get(0).get("image") == null, "the project's image has no paths: " + json);
    }

    @Test
    void guestAddRefusesUnknownKindAndHost() throws Exception {
        GuestAddCommand add = new GuestAddCommand();
        add.name = "fw1";
        add.kind = "firewall";
        add.host = "h1";
        assertEquals("Error: unknown guest kind 'firewall': use container, switch, router or vm\n", Console.run(add, fake));
        add.kind = "container";
        assertEquals("Error: unknown host 'h1'\n", Console.run(add, fake));
        assertTrue(fake.guests().isEmpty());
    }

    @Test
    void guestListAndRemove() throws Exception {
        fake.withTwoGuests();
        GuestListCommand list = new GuestListCommand();
        list.json = true;
        JsonNode json = Console.json(Console.run(list, fake));
        assertEquals("web2", json.get(1).get("name").asText());
        assertEquals("container", json.get(1).get("kind").asText());
        assertEquals("h2", json.get(1).get("host").asText());

        fake.disconnect(new WireId(1)); // the controller keeps a guest whose NIC is wired
        GuestRemoveCommand remove = new GuestRemoveCommand();
        remove.name = "web2";
        assertEquals("Guest web2 removed\n", Console.run(remove, fake));
        String table = Console.run(new GuestListCommand(), fake);
        assertTrue(table.contains("web1") && !table.contains("web2"), table);
    }
}
