package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireId;

/**
 * Every bad request is refused with a message that names the problem, and changes nothing: neither the
 * model nor the kernel.
 */
public class BadInputIT extends VirtualWireTestSupport {
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
