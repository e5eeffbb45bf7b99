package org.virtualwire.core.impl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Route;
import org.virtualwire.api.TopologyService.Result;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.core.impl.FakeCloudDriver;
import org.virtualwire.core.impl.FakeTunnelProvider;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.core.impl.store.FileWireStore;

/**
 * Topology files with wires to outside VTEPs ({@code [web1/eth0, vxlan:ADDRESS/VNI]}), NIC gateways and guest
 * routes, over the real controller: applied, re-applied as nothing to do, exported and read back the same, kept
 * over a restart; faults refused with their line.
 */
class OutsideWiresAndRoutesTopologyTest {
    static final String DOC = """
            hosts:
              - name: h1
                address: 198.18.0.1
            guests:
              - name: c1
                host: h1
                nics:
                  - {name: eth0, ip: 10.99.1.2/24, gateway: 10.99.1.1}
              - name: r1
                kind: router
                host: h1
                routes: [10.99.3.0/24 via 10.99.2.2]
                nics:
                  - {name: eth0, ip: 10.99.1.1/24}
                  - {name: eth1, ip: 10.99.2.1/24}
                  - {name: eth2, ip: 10.99.9.1/24}
            wires:
              - [c1/eth0, r1/eth0]
              - [r1/eth2, vxlan:198.18.0.200/7]
            """;
    private static final Result NOTHING = new Result(List.of(), List.of());

    @TempDir
    Path dir;
    private WireManager manager;

    private WireManager start() {
        WireManager m = new WireManager(new FileWireStore(dir), 100, WireId.MAX_VNI);
        FakeCloudDriver fake = new FakeCloudDriver();
        m.addDriver(fake);
        m.addRuntime(fake);
        m.addTunnel(new FakeTunnelProvider());
        m.start();
        return m;
    }

    @BeforeEach
    void setUp() {
        manager = start();
    }

    @AfterEach
    void tearDown() {
        manager.stop();
    }

    private void refused(String doc, String words) {
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> new TopologyManager(manager, manager).apply(doc, "t.yaml"));
        assertTrue(e.getMessage().contains(words), "'" + e.getMessage() + "' should say '" + words + "'");
    }

    @Test
    void appliedReappliedExportedAndKeptOverARestart() {
        TopologyManager t = new TopologyManager(manager, manager);
        t.apply(DOC, "t.yaml");
        Wire outside = manager.wire(new WireId(7)).orElseThrow();
        assertEquals(EndpointId.parse("r1/eth2"), outside.a());
        assertEquals("198.18.0.200", outside.outside().address());
        assertTrue(outside.outside().anchor() != null && !outside.outside().anchor().equals("198.18.0.1"),
                "the near end got an anchor of its own: " + outside.outside().anchor());
        assertEquals(List.of(Route.parse("10.99.3.0/24 via 10.99.2.2")), manager.guest(GuestId.of("r1")).orElseThrow().routes());
        assertEquals("10.99.1.1", manager.endpoint(EndpointId.parse("c1/eth0")).orElseThrow().gateway());
        assertEquals(NOTHING, t.apply(DOC, "t.yaml"));

        String exported = t.export();
        assertTrue(exported.contains("vxlan:198.18.0.200/7"), exported);
        assertTrue(exported.contains("gateway: 10.99.1.1"), exported);
        assertTrue(exported.contains("10.99.3.0/24 via 10.99.2.2"), exported);
        assertEquals(NOTHING, t.apply(exported, "exported.yaml"), "the export reads back as the same network");

        manager.stop();
        manager = start();
        assertEquals(outside, manager.wire(new WireId(7)).orElseThrow(), "the wire and its anchor survive a restart");
        assertEquals(NOTHING, new TopologyManager(manager, manager).apply(DOC, "t.yaml"));

        Result r = new TopologyManager(manager, manager).apply(DOC.replace("10.99.3.0/24 via 10.99.2.2", "10.99.4.0/24 via 10.99.2.2"), "t.yaml");
        assertTrue(r.created().stream().anyMatch(c -> c.contains("guest r1")), "changed routes make the guest anew: " + r);
        Result gone = new TopologyManager(manager, manager).apply(DOC.replace("10.99.3.0/24 via 10.99.2.2", "10.99.4.0/24 via 10.99.2.2")
                .replace("  - [r1/eth2, vxlan:198.18.0.200/7]\n", ""), "t.yaml");
        assertEquals(1, gone.removed().size(), gone.toString());
        assertNull(manager.wire(new WireId(7)).orElse(null));
    }

    @Test
    void faultsAreRefusedWithTheirLine() {
        refused(DOC.replace("vxlan:198.18.0.200/7", "vxlan:198.18.0.200/x"), "line 19, wires[1][1]: invalid VNI 'x'");
        refused(DOC.replace("vxlan:198.18.0.200/7", "vxlan:198.18.0.200/16777216"), "invalid VNI 16777216");
        refused(DOC.replace("vxlan:198.18.0.200/7", "vxlan:198.18.0.200/0"), "invalid VNI 0");
        refused(DOC.replace("vxlan:198.18.0.200/7", "vxlan:198.18.0.300/7"), "malformed IPv4 address '198.18.0.300'");
        refused(DOC.replace("vxlan:198.18.0.200/7", "vxlan:224.0.0.1/7"), "must be a unicast address");
        refused(DOC.replace("vxlan:198.18.0.200/7", "vxlan:198.18.0.200/100"), "lies in the VNIs the appliance hands out itself (100..16777215");
        refused(DOC.replace("vxlan:198.18.0.200/7", "vxlan:198.18.0.1/7"), "is host h1 (its underlay address");
        refused(DOC.replace("10.99.3.0/24 via 10.99.2.2", "10.99.3.1/24 via 10.99.2.2"), "host bits set; write 10.99.3.0/24");
        refused(DOC.replace("10.99.3.0/24 via 10.99.2.2", "10.99.3.0/24 to 10.99.2.2"), "write PREFIX via ADDRESS");
        refused(DOC.replace("10.99.3.0/24 via 10.99.2.2", "10.99.3.0/24 via 10.99.8.2"), "next hop 10.99.8.2 is in the subnet of none of its NICs");
        refused(DOC.replace("gateway: 10.99.1.1", "gateway: 10.99.7.1"), "must be another address in its subnet 10.99.1.0/24");
        refused(DOC.replace("gateway: 10.99.1.1", "gateway: 10.99.1.2"), "must be another address in its subnet");
        refused(DOC.replace("{name: eth1, ip: 10.99.2.1/24}", "{name: eth1, ip: 10.99.2.1/24, gateway: 10.99.2.2}")
                .replace("{name: eth0, ip: 10.99.1.1/24}", "{name: eth0, ip: 10.99.1.1/24, gateway: 10.99.1.2}"), "one default route per guest");
        refused(DOC.replace("kind: router", "kind: switch"), "only containers and routers take routes");
        refused(DOC.replace("  - [c1/eth0, r1/eth0]", "  - [c1/eth0, r1/eth0]\n  - [r1/eth0, vxlan:198.18.0.201/8]"), "already wired");
        assertEquals(0, manager.wires().size(), "nothing was applied");
    }

    @Test
    void theConsoleAndJmxPathsRefuseByName() {
        new TopologyManager(manager, manager).apply(DOC, "t.yaml");
        VirtualWireException twice = assertThrows(VirtualWireException.class, () -> manager.connect(
                EndpointId.parse("r1/eth1"), org.virtualwire.api.OutsideVtep.parse("vxlan:198.18.0.201/7")));
        assertTrue(twice.getMessage().contains("VNI 7 of outside VTEP vxlan:198.18.0.201/7 is already wire 7"), twice.getMessage());
        String anchor = manager.wire(new WireId(7)).orElseThrow().outside().anchor();
        VirtualWireException host = assertThrows(VirtualWireException.class, () -> manager.addHost(
                org.virtualwire.api.HostId.of("h9"), org.virtualwire.api.CloudId.of("local"), anchor));
        assertTrue(host.getMessage().contains("anchor of a wire to an outside VTEP"), host.getMessage());
        VirtualWireException bad = assertThrows(VirtualWireException.class,
                () -> org.virtualwire.api.OutsideVtep.parse("198.18.0.200/7"));
        assertTrue(bad.getMessage().contains("write vxlan:ADDRESS/VNI"), bad.getMessage());
    }
}
