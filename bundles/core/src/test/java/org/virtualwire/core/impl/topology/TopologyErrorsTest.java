package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.testing.InMemoryWires;

/**
 * Every kind of fault in a document is refused with the file, line and field at fault, before anything
 * changes. Each case edits one line of {@link TopologyManagerTest#DOC} (its line numbers are given below).
 */
class TopologyErrorsTest {
    //  1 hosts:                  10     nics:                  19   - name: web2
    //  2   - name: h1            11       - name: p1           20     host: h2
    //  3     address: 198.18.0.1 12       - name: p2           21     nics:
    //  4   - name: h2            13   - name: web1             22       - name: eth0
    //  5     address: 198.18.0.2 14     host: h1               23         ip: 10.99.0.2/24
    //  6 guests:                 15     nics:                  24 wires:
    //  7   - name: sw1           16       - name: eth0         25   - [web1/eth0, sw1/p1]
    //  8     kind: switch        17         mac: 02:00:...:01  26   - {a: sw1/p2, b: web2/eth0}
    //  9     host: h1            18         ip: 10.99.0.1/24
    private static final String DOC = TopologyManagerTest.DOC;
    private final InMemoryWires fake = new InMemoryWires();
    private final TopologyManager topology = new TopologyManager(fake, fake);

    @BeforeEach
    void applyTheGoodDocument() {
        topology.apply(DOC, "t.yaml");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("malformed YAML", DOC.replace("    kind: switch", "  kind: switch"),
                        "t.yaml line 8: malformed YAML: "),
                Arguments.of("unclosed flow", DOC.replace("[web1/eth0, sw1/p1]", "[web1/eth0, sw1/p1"),
                        "t.yaml line 26: malformed YAML: "),
                Arguments.of("two documents", DOC + "---\nhosts: []\n", "t.yaml line 27: malformed YAML: "),
                Arguments.of("unknown section", DOC.replace("guests:", "gusets:"),
                        "t.yaml line 6, gusets: unknown key 'gusets': use clouds, hosts, guests, wires"),
                Arguments.of("unknown key", DOC.replace("ip: 10.99.0.2/24", "ipv4: 10.99.0.2/24"),
                        "t.yaml line 23, guests[2].nics[0].ipv4: unknown key 'ipv4': use name, mac, ip, mtu"),
                Arguments.of("key twice", DOC.replace("    host: h2", "    host: h2\n    host: h1"),
                        "t.yaml line 21, guests[2].host: key 'host' is given twice"),
                Arguments.of("missing host", DOC.replace("    host: h2\n", ""),
                        "t.yaml line 19, guests[2].host: required field 'host' is missing"),
                Arguments.of("missing NIC name", DOC.replace("      - name: p2", "      - mac: 02:00:00:00:00:09"),
                        "t.yaml line 12, guests[0].nics[1].name: required field 'name' is missing"),
                Arguments.of("bad MAC", DOC.replace("mac: 02:00:00:00:00:01", "mac: zz"),
                        "t.yaml line 17, guests[1].nics[0].mac: malformed MAC address 'zz'"),
                Arguments.of("multicast MAC", DOC.replace("mac: 02:00:00:00:00:01", "mac: 01:00:5e:00:00:01"),
                        "t.yaml line 17, guests[1].nics[0].mac: MAC address 01:00:5e:00:00:01 is a multicast"),
                Arguments.of("bad IP", DOC.replace("10.99.0.2/24", "10.99.0.300/24"),
                        "t.yaml line 23, guests[2].nics[0].ip: malformed IPv4 address '10.99.0.300'"),
                Arguments.of("IP without prefix", DOC.replace("10.99.0.2/24", "10.99.0.2"),
                        "t.yaml line 23, guests[2].nics[0].ip: malformed IPv4 address '10.99.0.2'"),
                Arguments.of("bad host address", DOC.replace("198.18.0.2", "198.18.0"),
                        "t.yaml line 5, hosts[1].address: malformed IPv4 address '198.18.0'"),
                Arguments.of("bad MTU", DOC.replace("ip: 10.99.0.2/24", "mtu: big"),
                        "t.yaml line 23, guests[2].nics[0].mtu: invalid MTU 'big'"),
                Arguments.of("bad kind", DOC.replace("kind: switch", "kind: hub"),
                        "t.yaml line 8, guests[0].kind: unknown guest kind 'hub'"),
                Arguments.of("relative kernel", DOC.replace("    host: h2\n", "    host: h2\n    kind: vm\n    kernel: boot/bzImage\n"),
                        "t.yaml line 22, guests[2].kernel: path 'boot/bzImage' must be absolute (start with /)"),
                Arguments.of("disk on a container", DOC.replace("    host: h2\n", "    host: h2\n    disk: /srv/d.raw\n"),
                        "t.yaml line 21, guests[2].disk: guest web2 is a container: only a vm boots a kernel, initrd or disk"),
                Arguments.of("bad guest name", DOC.replace("name: web2", "name: Web_2"),
                        "t.yaml line 19, guests[2].name: invalid guest name 'Web_2'"),
                Arguments.of("bad NIC name", DOC.replace("      - name: p2", "      - name: 2p"),
                        "t.yaml line 12, guests[0].nics[1].name: invalid NIC name '2p'"),
                Arguments.of("not a list", DOC.replace(DOC.substring(0, DOC.indexOf("guests:")), "hosts: h1\n"),
                        "t.yaml line 1, hosts: must be a list"),
                Arguments.of("duplicate guest", DOC.replace("name: web2", "name: web1"),
                        "t.yaml line 19, guests[2].name: guest 'web1' is given twice, first at line 13 (guests[1].name)"),
                Arguments.of("duplicate NIC", DOC.replace("      - name: p2", "      - name: p1"),
                        "t.yaml line 12, guests[0].nics[1].name: NIC 'sw1/p1' is given twice"),
                Arguments.of("duplicate host", DOC.replace("name: h2", "name: h1"),
                        "t.yaml line 4, hosts[1].name: host 'h1' is given twice, first at line 2"),
                Arguments.of("duplicate address", DOC.replace("198.18.0.2", "198.18.0.1"),
                        "t.yaml line 5, hosts[1].address: address '198.18.0.1' is given twice, first at line 3"),
                Arguments.of("guest on unknown host", DOC.replace("host: h2", "host: h3"),
                        "t.yaml line 20, guests[2].host: unknown host 'h3': list it under hosts"),
                Arguments.of("host in unknown cloud", DOC.replace("name: h2\n", "name: h2\n    cloud: ec2\n"),
                        "t.yaml line 5, hosts[1].cloud: unknown cloud 'ec2': list it under clouds"),
                Arguments.of("cloud without driver", "clouds:\n  - name: ec2\n" + DOC,
                        "t.yaml line 2, clouds[0].driver: required field 'driver' is missing"),
                Arguments.of("wire to unknown NIC", DOC.replace("b: web2/eth0", "b: web2/eth1"),
                        "t.yaml line 26, wires[1].b: unknown NIC 'web2/eth1': list it under its guest's nics"),
                Arguments.of("NIC in two wires", DOC.replace("{a: sw1/p2, b: web2/eth0}", "[web2/eth0, sw1/p1]"),
                        "t.yaml line 26, wires[1][1]: NIC sw1/p1 is already wired at line 25 (wires[0][1])"),
                Arguments.of("wire to itself", DOC.replace("[web1/eth0, sw1/p1]", "[web1/eth0, web1/eth0]"),
                        "t.yaml line 25, wires[0][1]: a wire needs two different NICs"),
                Arguments.of("malformed wire end", DOC.replace("[web1/eth0, sw1/p1]", "[web1-eth0, sw1/p1]"),
                        "t.yaml line 25, wires[0][0]: invalid endpoint 'web1-eth0': write guest/nic"),
                Arguments.of("wire of three", DOC.replace("[web1/eth0, sw1/p1]", "[web1/eth0, sw1/p1, sw1/p2]"),
                        "t.yaml line 25, wires[0]: a wire is a pair of NICs"),
                Arguments.of("wire without b", DOC.replace("{a: sw1/p2, b: web2/eth0}", "{a: sw1/p2}"),
                        "t.yaml line 26, wires[1].b: required field 'b' is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultIsRefusedWithLineAndFieldAndNothingChanges(String name, String doc, String expected) {
        String before = topology.export();
        int changes = fake.changes;
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> topology.apply(doc, "t.yaml"));
        assertTrue(e.getMessage().startsWith(expected), () -> "expected: " + expected + "\n     got: " + e.getMessage());
        assertEquals(changes, fake.changes);
        assertEquals(before, topology.export());
    }

    @Test
    void theMessageHasTheShapeTheConsoleShows() {
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> topology.apply(DOC.replace("mac: 02:00:00:00:00:01", "mac: zz"), "two-hosts.yaml"));
        assertEquals("two-hosts.yaml line 17, guests[1].nics[0].mac: malformed MAC address 'zz': write six hex"
                + " pairs, e.g. 02:00:00:00:00:01", e.getMessage());
        assertEquals("guests[1].nics[0].mac", e.field());
    }
}
