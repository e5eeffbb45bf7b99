package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireId;

/**
 * Every bad request is refused with a message that names the problem, and changes nothing: neither the
 * model nor the kernel.
 */
public class BadInputIT extends VirtualWireTestSupport {
    private static final String WIRES = "org.virtualwire:type=wires,name=default";
    private static final String HOSTS = "org.virtualwire:type=hosts,name=default";
    private static final String ENDPOINTS = "org.virtualwire:type=endpoints,name=default";
    @Before
    public void buildLab() {
        Lab.build(admin());
        awaitApplied();
    }

    @After
    public void clearLab() {
        removeLab();
    }

    @Test
    public void unknownEndpoint() {
        refused(() -> admin().connect(EndpointId.parse("nosuch/eth0"), Lab.SW4), null, "nosuch");
    }

    @Test
    public void endpointAlreadyWired() {
        refused(() -> admin().connect(Lab.ALPHA, Lab.SW4), null, "alpha/eth0");
    }

    @Test
    public void bothEndsTheSame() {
        refused(() -> admin().connect(Lab.SW4, Lab.SW4), null, "sw/p4");
    }

    @Test
    public void unknownWire() {
        refused(() -> admin().disconnect(new WireId(4242)), null, "4242");
    }

    @Test
    public void guestNameTaken() {
        refused(() -> admin().addGuest(GuestId.of("alpha"), GuestKind.CONTAINER, Lab.WEST), null, "alpha");
    }

    @Test
    public void hostNameTaken() {
        refused(() -> admin().addHost(Lab.EAST, Lab.LOCAL, null), null, "east");
    }

    @Test
    public void malformedMac() {
        refused(() -> admin().addEndpoint(EndpointId.parse("bravo/eth1"), "02:00:00:00:00:zz", null, null),
                "mac", "02:00:00:00:00:zz");
    }

    @Test
    public void multicastMac() {
        refused(() -> admin().addEndpoint(EndpointId.parse("bravo/eth1"), "01:00:5e:00:00:01", null, null),
                "mac", "01:00:5e:00:00:01");
    }

    @Test
    public void malformedIp() {
        refused(() -> admin().addEndpoint(EndpointId.parse("bravo/eth1"), null, "10.99.1.300/24", null),
                "ip", "10.99.1.300");
    }

    @Test
    public void malformedPrefixLength() {
        refused(() -> admin().addEndpoint(EndpointId.parse("bravo/eth1"), null, "10.99.1.9/33", null), "ip", "33");
    }

    @Test
    public void batchWithOneBadChangeChangesNothing() {
        refused(() -> admin().batch(a -> {
            a.addGuest(GuestId.of("foxtrot"), GuestKind.CONTAINER, Lab.EAST);
            a.addEndpoint(EndpointId.parse("foxtrot/eth0"), null, "10.99.3.1/24", null);
            a.connect(EndpointId.parse("foxtrot/eth0"), Lab.ALPHA);
        }), null, "alpha/eth0");
    }

    @Test
    public void macsTheKernelRefuses() {
        for (String mac : List.of("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff")) {
            refused(() -> admin().addEndpoint(EndpointId.parse("bravo/eth1"), mac, null, null), "mac", mac);
        }
    }

    /** The reproduction, through Jolokia: the all-zero MAC used to be stored and fail host west. */
    @Test
    public void allZeroMacOverJolokia() throws Exception {
        Jolokia j = jolokia();
        refused(() -> {
            Jolokia.Reply r = j.exec(ENDPOINTS, "addEndpoint", "bravo/eth5", "00:00:00:00:00:00", "");
            assertEquals(r.error(), 400, r.status());
            throw new VirtualWireException("mac", r.error());
        }, "mac", "00:00:00:00:00:00");
    }

    @Test
    public void nicNamesTheKernelKeeps() {
        refused(() -> admin().addEndpoint(EndpointId.parse("bravo/lo"), null, null, null), "endpoint", "'lo'");
        refused(() -> admin().addEndpoint(EndpointId.parse("bravo/all"), null, null, null), "endpoint", "'all'");
        refused(() -> admin().addEndpoint(EndpointId.parse("sw/br0"), null, null, null), "endpoint", "'br0'");
    }

    @Test
    public void addressesANicMustNotHave() {
        for (String ip : List.of("127.0.0.1/8", "0.0.0.0/0", "224.0.0.1/24", "240.0.0.1/8", "255.255.255.255/32",
                "10.99.1.0/24", "10.99.1.255/24", "198.18.0.200/24", "198.19.0.9/16")) {
            refused(() -> admin().addEndpoint(EndpointId.parse("bravo/eth1"), null, ip, null), "ip", ip);
        }
    }

    @Test
    public void oneAddressTwiceOnOneSegment() {
        refused(() -> admin().batch(a -> {
            a.addGuest(GuestId.of("foxtrot"), GuestKind.CONTAINER, Lab.EAST);
            a.addEndpoint(EndpointId.parse("foxtrot/eth0"), null, Lab.ALPHA_IP + "/24", null);
            a.connect(EndpointId.parse("foxtrot/eth0"), Lab.SW4);
        }), "ip", "alpha/eth0");
    }

    @Test
    public void overlappingCloudSubnets() {
        refused(() -> admin().batch(a -> {
            a.addCloud(CloudId.of("ov1"), "local", Map.of("subnet", "198.18.200.0/24"));
            a.addCloud(CloudId.of("ov2"), "local", Map.of("subnet", "198.18.200.128/25"));
        }), "subnet", "ov1");
    }

    @Test
    public void anUnderlayAddressAnotherHostHas() {
        String east = wires().host(Lab.EAST).orElseThrow().underlayAddress();
        refused(() -> admin().addHost(HostId.of("h9"), Lab.LOCAL, east), "address", "host east");
    }

    @Test
    public void anUnderlayAddressAnotherHostHasOverJolokia() throws Exception {
        String east = wires().host(Lab.EAST).orElseThrow().underlayAddress();
        Jolokia j = jolokia();
        refused(() -> {
            Jolokia.Reply r = j.exec(HOSTS, "addHostWithAddress", "h9", "", east);
            assertEquals(r.error(), 400, r.status());
            throw new VirtualWireException("address", r.error());
        }, "address", "host east");
    }

    /** Wire ids that are not one, as Jolokia passes them: refused naming the id, not a NumberFormatException. */
    @Test
    public void wireIdsThatAreNotOneOverJolokia() throws Exception {
        Jolokia j = jolokia();
        for (String id : Arrays.asList("2147483648", "abc", null)) {
            refused(() -> {
                Jolokia.Reply r = j.exec(WIRES, "disconnect", id);
                assertEquals(r.error(), 400, r.status());
                throw new VirtualWireException("wire", r.error());
            }, "wire", "invalid wire id '" + id + "'");
        }
    }

    /** The same through the console: a plain refusal naming the id, no NumberFormatException. */
    @Test
    public void wireIdsThatAreNotOneOnTheConsole() {
        for (String id : List.of("2147483648", "abc")) {
            refused(() -> {
                String out = console("vw:wire-disconnect " + id);
                assertTrue(out, out.startsWith("Error: "));
                throw new VirtualWireException("wire", out);
            }, "wire", "invalid wire id '" + id + "'");
        }
    }

    /**
     * @param request a request that must be refused
     * @param field the field the refusal must name, or null to not check it
     * @param named what the message must mention
     */
    private void refused(Runnable request, String field, String named) {
        List<Object> modelBefore = model();
        List<String> kernelBefore = Netns.list(prefix());
        try {
            request.run();
            fail("accepted a request that names " + named);
        } catch (VirtualWireException e) {
            assertTrue("message '" + e.getMessage() + "' names " + named, e.getMessage().contains(named));
            if (field != null) {
                assertEquals("field of '" + e.getMessage() + "'", field, e.field());
            }
        }
        awaitApplied();
        assertEquals("model unchanged", modelBefore, model());
        assertEquals("namespaces unchanged", kernelBefore, Netns.list(prefix()));
    }
}
