package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.virtualwire.api.Health;
import org.virtualwire.api.Wire;

/**
 * Restarts what an operator restarts (the core bundle, the driver and tunnel bundles, the tunnel feature)
 * while a ping runs across a wire: wires are kept and traffic goes on.
 */
public class RestartIT extends VirtualWireTestSupport {
    /** Echo requests lost while a bundle restarts that still count as "almost nothing". */
    private static final long MAX_LOST = 3;
    private static final String TUNNEL_FEATURE = "virtualwire-tunnel-vxlan";

    private Lab.Wires lab;

    @Before
    public void buildLab() {
        lab = Lab.build(admin());
        awaitApplied();
        assertTrue("traffic before the restart", Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));
    }

    @After
    public void clearLab() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature(TUNNEL_FEATURE))) {
            featuresService.installFeature(TUNNEL_FEATURE, noRefresh());
        }
        removeLab();
    }

    @Test
    public void coreBundleRestartKeepsWiresAndTraffic() throws Exception {
        restartWhilePinging("org.virtualwire.core");
    }

    @Test
    public void driverBundleRestartKeepsWiresAndTraffic() throws Exception {
        restartWhilePinging("org.virtualwire.driver.local");
    }

    @Test
    public void tunnelBundleRestartKeepsWiresAndTraffic() throws Exception {
        restartWhilePinging("org.virtualwire.tunnel.vxlan");
    }

    @Test
    public void tunnelFeatureRemovedDegradesWiresButKeepsTraffic() throws Exception {
        featuresService.uninstallFeature(TUNNEL_FEATURE, noRefresh());
        eventually(Duration.ofSeconds(30), () -> wires().status(lab.deltaEcho()).health() == Health.DEGRADED,
                "wire delta-echo reported DEGRADED without its tunnel protocol (now "
                        + wires().status(lab.deltaEcho()) + ")");
        assertTrue("the wire is still listed", wires().wire(lab.deltaEcho()).isPresent());
        assertTrue("traffic still flows over the kept kernel tunnel", Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));

        featuresService.installFeature(TUNNEL_FEATURE, noRefresh());
        eventually(Duration.ofSeconds(60), () -> wires().status(lab.deltaEcho()).health() == Health.UP,
                "wire delta-echo UP again once the tunnel feature is back (now " + wires().status(lab.deltaEcho()) + ")");
        assertTrue(Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));
        assertTrue(Netns.pingEventually(guestNs("alpha"), Lab.BRAVO_IP, 3));
    }

    private void restartWhilePinging(String bundle) throws Exception {
        List<Wire> before = wires().wires();
        // 8 s of echo requests 50 ms apart, with the restart in the middle
        Netns.PingRun ping = Netns.startPing(guestNs("delta"), Lab.ECHO_IP, 160, "0.05");
        Thread.sleep(2000);
        restartBundle(bundle);
        awaitApplied();
        long[] sentReceived = ping.await(60);
        long lost = sentReceived[0] - sentReceived[1];
        System.out.println("restart of " + bundle + ": " + lost + " of " + sentReceived[0] + " echo requests lost");
        assertTrue("echo requests lost while " + bundle + " restarted: " + lost + " of " + sentReceived[0],
                lost <= MAX_LOST);
        assertEquals("wires after restarting " + bundle, before, wires().wires());
        for (Wire w : wires().wires()) {
            assertEquals("status of wire " + w.id() + " after restarting " + bundle, Health.UP, wires().status(w.id()).health());
        }
        assertTrue("alpha -> bravo after restarting " + bundle, Netns.pingEventually(guestNs("alpha"), Lab.BRAVO_IP, 3));
    }
}
