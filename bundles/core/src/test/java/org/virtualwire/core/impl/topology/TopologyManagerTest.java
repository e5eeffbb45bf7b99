package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.TopologyService.Result;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.testing.InMemoryWires;

/** Applying documents: creation, idempotence, removal, re-creation of changed items, refusals in the batch. */
class TopologyManagerTest {
    static final String DOC = """
            hosts:
              - name: h1
                address: 198.18.0.1
              - name: h2
                address: 198.18.0.2
            guests:
              - name: sw1
                kind: switch
                host: h1
                nics:
                  - name: p1
                  - name: p2
              - name: web1
                host: h1
                nics:
                  - name: eth0
                    mac: 02:00:00:00:00:01
                    ip: 10.99.0.1/24
              - name: web2
                host: h2
                nics:
                  - name: eth0
                    ip: 10.99.0.2/24
            wires:
              - [web1/eth0, sw1/p1]
              - {a: sw1/p2, b: web2/eth0}
            """;

    private final InMemoryWires fake = new InMemoryWires();
    private final TopologyManager topology = new TopologyManager(fake, fake);

    @Test
    void applyCreatesEverythingInOneBatch() {
        Result r = topology.apply(DOC, "t.yaml");
        assertEquals(List.of("host h1", "host h2", "guest sw1", "guest web1", "guest web2", "endpoint sw1/p1",
                "endpoint sw1/p2", "endpoint web1/eth0", "endpoint web2/eth0",
                "wire 1 web1/eth0 sw1/p1", "wire 2 sw1/p2 web2/eth0"), r.created());
        assertEquals(List.of(), r.removed());
        assertEquals(1, fake.batches);
        assertEquals(GuestKind.SWITCH, fake.guest(GuestId.of("sw1")).orElseThrow().kind());
        assertEquals("198.18.0.2", fake.host(HostId.of("h2")).orElseThrow().underlayAddress());
        assertEquals(MacAddress.parse("02:00:00:00:00:01"), fake.endpoint(ep("web1/eth0")).orElseThrow().mac());
        assertEquals("10.99.0.2/24", fake.endpoint(ep("web2/eth0")).orElseThrow().address().toString());
        assertEquals(ep("sw1/p1"), fake.wireOf(ep("web1/eth0")).orElseThrow().peerOf(ep("web1/eth0")));
    }

    @Test
    void applyingTwiceChangesNothingTheSecondTime() {
        topology.apply(DOC, "t.yaml");
        int changes = fake.changes;
        Result again = topology.apply(DOC, "t.yaml");
        assertEquals(new Result(List.of(), List.of()), again);
        assertEquals(changes, fake.changes);
        assertEquals(1, fake.batches, "nothing to do: no batch at all");
    }

    @Test
    void wiresAreMatchedByTheirEndsInEitherOrderNotById() {
        topology.apply(DOC, "t.yaml");
        String swapped = DOC.replace("[web1/eth0, sw1/p1]", "[sw1/p1, web1/eth0]")
                .replace("{a: sw1/p2, b: web2/eth0}", "[web2/eth0, sw1/p2]");
        assertEquals(new Result(List.of(), List.of()), topology.apply(swapped, "t.yaml"));
    }

    @Test
    void itemsNoLongerListedAreRemovedWiresFirst() {
        topology.apply(DOC, "t.yaml");
        String without = DOC.substring(0, DOC.indexOf("  - name: web2\n")) + """
                wires:
                  - [web1/eth0, sw1/p1]
                """;
        Result r = topology.apply(without.replace("  - name: h2\n    address: 198.18.0.2\n", ""), "t.yaml");
        assertEquals(List.of(), r.created());
        assertEquals(List.of("wire 2 sw1/p2 web2/eth0", "endpoint web2/eth0", "guest web2", "host h2"), r.removed());
        assertEquals(List.of(HostId.of("h1")), fake.hosts().stream().map(h -> h.id()).toList());
        assertEquals(1, fake.wires().size());
        assertTrue(fake.endpoint(ep("sw1/p2")).isPresent(), "a NIC still listed stays, unwired");
    }

    @Test
    void aChangedNicIsRecreatedWithItsWire() {
        topology.apply(DOC, "t.yaml");
        Result r = topology.apply(DOC.replace("10.99.0.1/24", "10.99.0.11/24"), "t.yaml");
        assertEquals(List.of("wire 1 web1/eth0 sw1/p1", "endpoint web1/eth0"), r.removed());
        assertEquals(List.of("endpoint web1/eth0", "wire web1/eth0 sw1/p1"), withoutIds(r.created()));
        assertEquals("10.99.0.11/24", fake.endpoint(ep("web1/eth0")).orElseThrow().address().toString());
    }

    @Test
    void aGuestWhoseKindOrHostChangedIsRecreatedWithItsNicsAndWires() {
        topology.apply(DOC, "t.yaml");
        Result r = topology.apply(DOC.replace("kind: switch", "kind: router"), "t.yaml");
        assertEquals(List.of("wire 1 web1/eth0 sw1/p1", "wire 2 sw1/p2 web2/eth0", "endpoint sw1/p1",
                "endpoint sw1/p2", "guest sw1"), r.removed());
        assertEquals(GuestKind.ROUTER, fake.guest(GuestId.of("sw1")).orElseThrow().kind());
        assertEquals(2, fake.wires().size());

        Result moved = topology.apply(DOC.replace("kind: switch", "kind: router")
                .replace("  - name: web2\n    host: h2", "  - name: web2\n    host: h1"), "t.yaml");
        assertTrue(moved.removed().contains("guest web2"));
        assertEquals(HostId.of("h1"), fake.guest(GuestId.of("web2")).orElseThrow().host());
    }

    @Test
    void aVmWhoseImageChangedIsRecreatedLikeAChangedKind() {
        String vm = DOC.replace("  - name: web2\n    host: h2\n", "  - name: web2\n    host: h2\n    kind: vm\n"
                + "    kernel: /srv/vm/bzImage\n    initrd: /srv/vm/initrd.img\n    disk: /srv/vm/disk.raw\n");
        topology.apply(vm, "t.yaml");
        assertEquals(new VmImage("/srv/vm/bzImage", "/srv/vm/initrd.img", "/srv/vm/disk.raw"),
                fake.guest(GuestId.of("web2")).orElseThrow().image());
        assertEquals(new Result(List.of(), List.of()), topology.apply(vm, "t.yaml"), "the same image is no change");

        Result other = topology.apply(vm.replace("disk.raw", "disk2.qcow2"), "t.yaml");
        assertEquals(List.of("wire 2 sw1/p2 web2/eth0", "endpoint web2/eth0", "guest web2"), other.removed());
        assertEquals(List.of("guest web2", "endpoint web2/eth0", "wire sw1/p2 web2/eth0"), withoutIds(other.created()));
        assertEquals("/srv/vm/disk2.qcow2", fake.guest(GuestId.of("web2")).orElseThrow().image().disk());

        Result none = topology.apply(vm.replace("    initrd: /srv/vm/initrd.img\n    disk: /srv/vm/disk.raw\n", "")
                .replace("    kernel: /srv/vm/bzImage\n", ""), "t.yaml");
        assertTrue(none.removed().contains("guest web2"), none.toString());
        assertEquals(null, fake.guest(GuestId.of("web2")).orElseThrow().image(), "no files: the project's image");
    }

    @Test
    void aHostMovedToAnotherCloudIsRecreatedWithEverythingOnIt() {
        topology.apply(DOC, "t.yaml");
        String moved = "clouds:\n  - name: lab\n    driver: local\n    properties: {subnet: 198.19.0.0/16}\n"
                + DOC.replace("  - name: h2\n", "  - name: h2\n    cloud: lab\n");
        Result r = topology.apply(moved, "t.yaml");
        assertEquals(List.of("wire 2 sw1/p2 web2/eth0", "endpoint web2/eth0", "guest web2", "host h2"), r.removed());
        assertEquals(List.of("cloud lab", "host h2", "guest web2", "endpoint web2/eth0", "wire sw1/p2 web2/eth0"),
                withoutIds(r.created()));
        assertEquals(CloudId.of("lab"), fake.host(HostId.of("h2")).orElseThrow().cloud());
        assertEquals(Map.of("subnet", "198.19.0.0/16"), fake.cloud(CloudId.of("lab")).orElseThrow().properties());
        assertEquals(new Result(List.of(), List.of()), topology.apply(moved, "t.yaml"));
        // dropping the cloud again takes its host along; the local cloud always stays
        Result back = topology.apply(DOC, "t.yaml");
        assertTrue(back.removed().containsAll(List.of("host h2", "cloud lab")));
        assertEquals(List.of(CloudId.of("local")), fake.clouds().stream().map(c -> c.id()).toList());
    }

    @Test
    void attributesLeftOutAreNotComparedButALeftOutIpMeansNone() {
        String noAddresses = DOC.replace("    address: 198.18.0.1\n", "").replace("    address: 198.18.0.2\n", "")
                .replace("        mac: 02:00:00:00:00:01\n", "");
        topology.apply(noAddresses, "t.yaml");
        assertEquals(new Result(List.of(), List.of()), topology.apply(noAddresses, "t.yaml"));
        Result r = topology.apply(noAddresses.replace("        ip: 10.99.0.2/24\n", ""), "t.yaml");
        assertTrue(r.removed().contains("endpoint web2/eth0"), r.toString());
        assertEquals(null, fake.endpoint(ep("web2/eth0")).orElseThrow().address());
    }

    @Test
    void aRefusalInsideTheBatchNamesTheItemsLineAndChangesNothing() {
        // h1 gets an address from the cloud (198.18.0.1); then a new host asks for that same address
        String auto = DOC.replace("    address: 198.18.0.1\n", "").replace("address: 198.18.0.2", "address: 198.18.0.9");
        topology.apply(auto, "t.yaml");
        List<Wire> before = fake.wires();
        int changes = fake.changes;
        String clash = auto.replace("  - name: h2\n", "  - name: h3\n    address: 198.18.0.1\n  - name: h2\n")
                .replace("[web1/eth0, sw1/p1]", "[web1/eth0, sw1/p2]").replace("{a: sw1/p2, b: web2/eth0}", "[web2/eth0, sw1/p1]");
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> topology.apply(clash, "t.yaml"));
        assertEquals("t.yaml line 3, hosts[1]: underlay address 198.18.0.1 is taken", e.getMessage());
        assertEquals(before, fake.wires());
        assertEquals(changes, fake.changes);
    }

    @Test
    void theLocalCloudCannotBeChanged() {
        VirtualWireException e = assertThrows(VirtualWireException.class, () -> topology.apply(
                "clouds:\n  - name: local\n    driver: ec2\n" + DOC, "t.yaml"));
        assertEquals("t.yaml line 3, clouds[0].driver: the local cloud cannot be changed: it has driver 'local'"
                + " and properties {}", e.getMessage());
        assertEquals(0, fake.batches);
        // listing it unchanged is fine
        assertEquals("host h1", topology.apply("clouds:\n  - name: local\n" + DOC, "t.yaml").created().get(0));
    }

    @Test
    void removingEverythingTakesAnEmptyMappingButNotAnEmptyFile() {
        topology.apply(DOC, "t.yaml");
        assertThrows(VirtualWireException.class, () -> topology.apply("  \n# nothing\n", "t.yaml"));
        assertFalse(fake.wires().isEmpty());
        Result r = topology.apply("{}", "t.yaml");
        assertEquals(11, r.removed().size());
        assertTrue(fake.hosts().isEmpty());
        assertNotEquals(0, fake.clouds().size());
    }

    @Test
    void flowStyleAsInTheReadmeReadsTheSame() {
        String flow = """
                hosts:
                  - {name: h1, address: 198.18.0.1}
                  - {name: h2}
                guests:
                  - name: sw1
                    kind: switch
                    host: h1
                    nics: [{name: p1}, {name: p2}]
                  - name: web1
                    host: h2
                    nics: [{name: eth0, ip: 10.99.0.1/24}]
                wires:
                  - [web1/eth0, sw1/p1]
                """;
        assertEquals(8, topology.apply(flow, "README.md").created().size());
        assertEquals(HostId.of("h2"), fake.guest(GuestId.of("web1")).orElseThrow().host());
        assertEquals(new Result(List.of(), List.of()), topology.apply(flow, "README.md"));
    }

    /** A wire's new id is the service's choice: compare what was created without it. */
    static List<String> withoutIds(List<String> labels) {
        return labels.stream().map(l -> l.replaceFirst("^wire \\d+ ", "wire ")).toList();
    }

    static EndpointId ep(String text) {
        return EndpointId.parse(text);
    }
}
