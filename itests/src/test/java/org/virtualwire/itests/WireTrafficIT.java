package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.virtualwire.api.Health;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireCounters;

/**
 * Builds the lab through the services, sends traffic across its wires, disconnects one and plugs it back.
 */
public class WireTrafficIT extends VirtualWireTestSupport {
    private Lab.Wires lab;

    @Before
    public void buildLab() {
        lab = Lab.build(admin());
        awaitApplied();
    }

    @After
    public void clearLab() {
        removeLab();
    }

    @Test
    public void trafficCrossesWiresWithinAndBetweenHosts() {
        assertTrue("alpha -> bravo (switch on east, bravo on west)", Netns.pingEventually(guestNs("alpha"), Lab.BRAVO_IP, 3));
        assertTrue("bravo -> charlie (both on west, through the switch on east)", Netns.pingEventually(guestNs("bravo"), Lab.CHARLIE_IP, 3));
        assertTrue("delta -> echo (one wire across hosts)", Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));
        // the two subnets share no wire
        assertFalse("alpha must not reach echo", Netns.ping(guestNs("alpha"), Lab.ECHO_IP));
        for (Wire w : wires().wires()) {
            assertEquals("status of wire " + w.id(), Health.UP, wires().status(w.id()).health());
        }
    }

    @Test
    public void countersShowTheTraffic() {
        assertTrue(Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));
        WireCounters c = wires().counters(lab.deltaEcho());
        assertTrue("packets counted on both ends: " + c,
                c.a().sentPackets() + c.a().receivedPackets() > 0 && c.b().sentPackets() + c.b().receivedPackets() > 0);
    }

    @Test
    public void disconnectStopsTrafficAndReconnectRestoresIt() {
        assertTrue(Netns.pingEventually(guestNs("alpha"), Lab.BRAVO_IP, 3));
        admin().disconnect(lab.bravoSw());
        awaitApplied();
        assertFalse("the wire is gone from the list", wires().wire(lab.bravoSw()).isPresent());
        assertFalse("bravo's NIC has no wire", wires().wireOf(Lab.BRAVO).isPresent());
        assertFalse("alpha must not reach bravo after the disconnect", Netns.ping(guestNs("alpha"), Lab.BRAVO_IP));
        assertTrue("charlie's wire is untouched", Netns.pingEventually(guestNs("alpha"), Lab.CHARLIE_IP, 3));

        Wire again = admin().connect(Lab.BRAVO, Lab.SW4);
        awaitApplied();
        assertTrue("bravo back on another switch port", Netns.pingEventually(guestNs("alpha"), Lab.BRAVO_IP, 3));
        assertTrue("the new wire joins bravo and sw/p4: " + again, again.touches(Lab.BRAVO) && again.touches(Lab.SW4));
    }

    @Test
    public void removingGuestsAndHostsRemovesTheirNamespaces() {
        assertTrue("guest namespaces exist", Netns.list(prefix()).contains(guestNs("alpha")));
        // one request right after the other, as a user or a topology file does
        Lab.clear(wires(), admin());
        awaitApplied();
        Leftovers.assertNone(prefix());
    }
}
