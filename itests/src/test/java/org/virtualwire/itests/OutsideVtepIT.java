package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;

/**
 * Wires to outside VXLAN endpoints and routes on guests, on the real assembly: a VXLAN device built by hand
 * ({@code ip link add ... type vxlan}) in a namespace of this test on the local cloud's underlay reaches a container
 * through {@code vw:wire-connect web1/eth0 vxlan:198.18.0.200/7} and back, also after the container migrated; the
 * same VNI sent from another address is dropped and counted; and a topology file's two subnets joined by a router
 * guest carry a ping, also after the router migrated. The appliance's own VNIs start at 4096 here
 * ({@code vni.min}), so that 7 is free for the outside VTEP.
 */
public class OutsideVtepIT extends VirtualWireTestSupport {
    private static final String ROUTED = """
            hosts:
              - {name: h1, address: 198.18.0.1}
              - {name: h2, address: 198.18.0.2}
            guests:
              - name: c1
                host: h1
                nics: [{name: eth0, ip: 10.99.1.2/24, gateway: 10.99.1.1}]
              - name: c2
                host: h2
                nics: [{name: eth0, ip: 10.99.2.2/24, gateway: 10.99.2.1}]
              - name: r1
                kind: router
                host: h1
                nics: [{name: eth0, ip: 10.99.1.1/24}, {name: eth1, ip: 10.99.2.1/24}]
            wires:
              - [c1/eth0, r1/eth0]
              - [c2/eth0, r1/eth1]
            """;

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), editConfigurationFilePut("etc/org.virtualwire.core.cfg", "vni.min", "4096"));
    }

    @After
    public void clean() {
        for (String ns : List.of(vtepNs("vtep"), vtepNs("spoof"))) {
            Netns.run(10, "ip", "netns", "del", ns);
        }
        removeLab();
    }

    private String vtepNs(String name) {
        return prefix() + "x-" + name;
    }

    /** A namespace on the local cloud's underlay with a hand-built VXLAN device (VNI 7) to the anchor, inner address on it. */
    private void handBuiltVtep(String name, String address, String anchor, String inner) {
        String ns = vtepNs(name);
        String underlay = prefix() + "u-local";
        String port = "vo" + address.substring(address.lastIndexOf('.') + 1);
        for (String[] cmd : new String[][] {
            {"ip", "netns", "add", ns},
            {"ip", "-n", underlay, "link", "add", port, "type", "veth", "peer", "name", "up0", "netns", ns},
            {"ip", "-n", underlay, "link", "set", port, "master", "ul", "up"},
            {"ip", "-n", ns, "addr", "add", address + "/16", "dev", "up0"},
            {"ip", "-n", ns, "link", "set", "up0", "up"},
            {"ip", "-n", ns, "link", "add", "vx7", "type", "vxlan", "id", "7", "local", address, "remote", anchor,
                "dstport", "4789", "nolearning"},
            {"ip", "-n", ns, "addr", "add", inner + "/24", "dev", "vx7"},
            {"ip", "-n", ns, "link", "set", "vx7", "up"}}) {
            Netns.Result r = Netns.run(10, cmd);
            assertEquals(String.join(" ", cmd) + ": " + r.out(), 0, r.exit());
        }
    }

    @Test
    public void aHandBuiltVtepReachesItsGuestAndBackAlsoAfterAMigrationAndASpoofedOneIsDropped() throws Exception {
        for (String cmd : List.of("vw:host-add --address 198.18.0.1 h1", "vw:host-add --address 198.18.0.2 h2",
                "vw:guest-add --kind container --host h1 web1", "vw:endpoint-add --ip 10.99.5.1/24 web1/eth0")) {
            String out = console(cmd);
            assertTrue(cmd + ": " + out, !out.contains("Error") && !out.contains("ERROR"));
        }
        String refused = console("vw:wire-connect web1/eth0 vxlan:198.18.0.200/5000");
        assertTrue(refused, refused.contains("lies in the VNIs the appliance hands out itself (4096..16777215"));
        Jolokia.Reply overJmx = jolokia().exec("org.virtualwire:type=wires,name=default", "connect", "web1/eth0",
                "vxlan:198.18.0.200/16777216");
        assertTrue("refused over JMX by name: " + overJmx, String.valueOf(overJmx.error()).contains("invalid VNI 16777216"));
        String connected = console("vw:wire-connect web1/eth0 vxlan:198.18.0.200/7");
        assertTrue(connected, connected.contains("Wire 7 connected: web1/eth0 <-> vxlan:198.18.0.200/7"));
        awaitApplied();
        Wire wire = wires().wire(new WireId(7)).orElseThrow();
        String anchor = wire.outside().anchor();
        handBuiltVtep("vtep", "198.18.0.200", anchor, "10.99.5.2");
        assertTrue("the outside VTEP reaches web1", Netns.pingEventually(vtepNs("vtep"), "10.99.5.1", 3));
        assertTrue("web1 reaches the outside VTEP", Netns.pingEventually(guestNs("web1"), "10.99.5.2", 3));

        handBuiltVtep("spoof", "198.18.0.201", anchor, "10.99.5.3");
        long before = wires().counters(wire.id()).a().filtered();
        assertEquals("a VTEP at another address gets no answer", 0, Netns.echoReplies(vtepNs("spoof"), "10.99.5.1", 3));
        long after = wires().counters(wire.id()).a().filtered();
        assertTrue("its frames were dropped and counted: " + before + " -> " + after, after > before);

        MigrationRecord r = migrations().migrate(GuestId.of("web1"), HostId.of("h2"), Map.of(), s -> { });
        Moves.assertSucceeded(r, GuestId.of("web1"), HostId.of("h1"), HostId.of("h2"));
        awaitApplied();
        assertTrue("the outside VTEP, still sending to " + anchor + ", reaches web1 on h2",
                Netns.pingEventually(vtepNs("vtep"), "10.99.5.1", 3));
        assertEquals("the spoofed VTEP still gets nothing", 0, Netns.echoReplies(vtepNs("spoof"), "10.99.5.1", 2));
    }

    @Test
    public void aRouterGuestJoinsTwoSubnetsAndKeepsRoutingAfterItMigrates() throws Exception {
        topology().apply(ROUTED, "routed.yaml");
        awaitApplied();
        assertTrue("c1 reaches c2 through r1", Netns.pingEventually(guestNs("c1"), "10.99.2.2", 3));
        // from the console, as an operator does it, under the probe from one subnet to the other
        String out = console("vw:guest-migrate --json --probe c1/eth0 --probe-to c2/eth0 r1 h2");
        int start = out.indexOf('{');
        JsonNode r = new ObjectMapper().readTree(start < 0 ? "{}" : out.substring(start));
        assertEquals(out, "SUCCEEDED", r.path("outcome").asText());
        assertTrue("the probe got answers through the moving router: " + out, r.path("probe").path("received").asLong() > 0);
        System.out.println("router r1 h1 -> h2 under the probe c1 -> c2: " + out.replaceAll("\\s+", " "));
        assertEquals(HostId.of("h2"), wires().guest(GuestId.of("r1")).orElseThrow().host());
        awaitApplied();
        assertTrue("c1 still reaches c2 through r1 on h2", Netns.pingEventually(guestNs("c1"), "10.99.2.2", 3));
        // the console's own words: a quoted route, a gateway
        String route = console("vw:guest-add --kind router --host h1 --route \"10.99.8.0/24 via 10.99.1.7\" r9");
        assertTrue(route, route.contains("route 10.99.8.0/24 via 10.99.1.7 of guest r9: next hop 10.99.1.7 is in the "
                + "subnet of none of its NICs"));
        console("vw:guest-add --kind container --host h2 c9");
        String gateway = console("vw:endpoint-add --ip 10.99.9.2/24 --gateway 10.99.9.1 c9/eth0");
        assertTrue(gateway, gateway.contains("gateway 10.99.9.1"));
        String export = topology().export();
        assertTrue(export, export.contains("gateway: 10.99.1.1"));
    }
}
