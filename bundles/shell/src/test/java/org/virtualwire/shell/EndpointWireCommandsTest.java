package org.virtualwire.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.WireId;

class EndpointWireCommandsTest {
    private final FakeWires fake = new FakeWires().withTwoGuests();

    @Test
    void endpointAddPassesOptions() throws Exception {
        EndpointAddCommand add = new EndpointAddCommand();
        add.endpoint = "web1/eth1";
        add.mac = "02:00:00:00:00:0A";
        add.ip = "10.99.1.1/24";
        add.mtu = 1400;
        assertEquals("Endpoint web1/eth1 added (mac 02:00:00:00:00:0a, ip 10.99.1.1/24, mtu 1400)\n", Console.run(add, fake));
    }

    @Test
    void endpointAddRefusesMalformedInput() throws Exception {
        EndpointAddCommand add = new EndpointAddCommand();
        add.endpoint = "web1/eth1";
        add.mac = "01:00:5e:00:00:01";
        assertEquals("Error: MAC address 01:00:5e:00:00:01 is a multicast address: a NIC needs a unicast one\n",
                Console.run(add, fake));
        add.endpoint = "web1-eth1";
        assertEquals("Error: invalid endpoint 'web1-eth1': write guest/nic, e.g. web1/eth0\n", Console.run(add, fake));
        assertEquals(2, fake.endpoints().size());
    }

    @Test
    void endpointListShowsWires() throws Exception {
        fake.addEndpoint(EndpointId.parse("web1/eth1"), null, null, null);
        EndpointListCommand list = new EndpointListCommand();
        list.json = true;
        JsonNode json = Console.json(Console.run(list, fake));
        assertEquals(3, json.size());
        assertEquals("web1/eth0", json.get(0).get("id").asText());
        assertEquals("10.99.0.1/24", json.get(0).get("ip").asText());
        assertEquals(1, json.get(0).get("wire").asInt());
        assertTrue(json.get(1).get("wire").isNull());
        assertTrue(json.get(1).get("ip").isNull());
        String table = Console.run(new EndpointListCommand(), fake);
        assertTrue(table.lines().anyMatch(l -> l.contains("web2/eth0") && l.contains("10.99.0.2/24") && l.contains("1450")), table);
    }

    @Test
    void connectPrintsTheNewWireIdAndWaits() throws Exception {
        fake.addEndpoint(EndpointId.parse("web1/eth1"), null, null, null);
        fake.addEndpoint(EndpointId.parse("web2/eth1"), null, null, null);
        WireConnectCommand connect = new WireConnectCommand();
        connect.a = "web1/eth1";
        connect.b = "web2/eth1";
        assertEquals("Wire 2 connected: web1/eth1 <-> web2/eth1\n", Console.run(connect, fake));
        assertEquals(1, fake.awaits);
        assertTrue(fake.wire(new WireId(2)).isPresent());
    }

    @Test
    void connectRefusesAWiredEndpoint() throws Exception {
        fake.addEndpoint(EndpointId.parse("web2/eth1"), null, null, null);
        WireConnectCommand connect = new WireConnectCommand();
        connect.a = "web1/eth0";
        connect.b = "web2/eth1";
        assertEquals("Error: endpoint web1/eth0 is already wired (wire 1): a NIC takes one cable\n", Console.run(connect, fake));
        assertEquals(1, fake.wires().size());
    }

    @Test
    void disconnectChecksTheId() throws Exception {
        WireDisconnectCommand disconnect = new WireDisconnectCommand();
        disconnect.id = "one";
        assertEquals("Error: invalid wire id 'one': must be a number 1 to 16777215\n", Console.run(disconnect, fake));
        for (String bad : new String[] {"2147483648", "abc", ""}) {
            disconnect.id = bad;
            assertEquals("Error: invalid wire id '" + bad + "': must be a number 1 to 16777215\n", Console.run(disconnect, fake));
        }
        disconnect.id = "16777216";
        assertEquals("Error: invalid wire id 16777216: must be 1 to 16777215\n", Console.run(disconnect, fake));
        disconnect.id = "7";
        assertEquals("Error: unknown wire 7\n", Console.run(disconnect, fake));
        disconnect.id = "1";
        assertEquals("Wire 1 disconnected\n", Console.run(disconnect, fake));
        assertTrue(fake.wires().isEmpty());
    }

    @Test
    void wireListTableJsonAndCounters() throws Exception {
        String table = Console.run(new WireListCommand(), fake);
        assertTrue(table.lines().anyMatch(l -> l.contains("web1/eth0") && l.contains("h1 <-> h2") && l.contains("vxlan")
                && l.contains("UP")), table);
        assertTrue(!table.contains("Tx"), table);

        WireListCommand list = new WireListCommand();
        list.counters = true;
        String withCounters = Console.run(list, fake);
        assertTrue(withCounters.contains("A Tx Pkts"), withCounters);

        list.json = true;
        JsonNode wire = Console.json(Console.run(list, fake)).get(0);
        assertEquals(1, wire.get("id").asInt());
        assertEquals("web2/eth0", wire.get("b").asText());
        assertEquals("h1", wire.get("hostA").asText());
        assertEquals("h2", wire.get("hostB").asText());
        assertEquals("UP", wire.get("status").asText());
        assertEquals(10, wire.get("counters").get("a").get("sentPackets").asLong());
        assertEquals(1000, wire.get("counters").get("b").get("receivedBytes").asLong());
    }

    @Test
    void wireCountersTableAndJson() throws Exception {
        WireCountersCommand counters = new WireCountersCommand();
        counters.id = "1";
        String table = Console.run(counters, fake);
        assertTrue(table.lines().anyMatch(l -> l.contains("web1/eth0") && l.contains("1000") && l.contains("900")), table);
        counters.json = true;
        JsonNode json = Console.json(Console.run(counters, fake));
        assertEquals(1, json.get("wire").asInt());
        assertEquals("web2/eth0", json.get("b").get("endpoint").asText());
        assertEquals(1, json.get("a").get("drops").asLong());
        assertEquals(4, json.get("b").get("filtered").asLong(), "frames from strangers on the underlay");
        assertTrue(table.lines().anyMatch(l -> l.contains("Filtered")), table);
        counters.id = "3";
        assertEquals("Error: unknown wire 3\n", Console.run(counters, fake));
    }

    @Test
    void completersOfferCurrentIds() {
        WireCompleter wires = new WireCompleter();
        wires.wireService = fake;
        assertEquals(java.util.List.of("1"), wires.ids());
        EndpointCompleter endpoints = new EndpointCompleter();
        endpoints.wireService = fake;
        assertEquals(java.util.List.of("web1/eth0", "web2/eth0"), endpoints.ids());
        HostCompleter hosts = new HostCompleter();
        hosts.wireService = fake;
        assertEquals(java.util.List.of("h1", "h2"), hosts.ids());
    }
}
