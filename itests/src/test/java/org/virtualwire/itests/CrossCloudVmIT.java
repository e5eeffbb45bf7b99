package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.ProbeResult;

/**
 * A QEMU guest (TCG, the project's image) on e3 in cloud east, wired to the switch on e1, moves to w2 in cloud
 * west while the probe runs from web1: its memory goes host, gateway, TLS between the gateways, gateway, host;
 * its wire follows and now crosses the clouds; nothing of it is left at e3.
 */
public class CrossCloudVmIT extends VirtualWireTestSupport {
    private static final GuestId VM = GuestId.of("vm1");
    private static final EndpointId VM_NIC = EndpointId.parse("vm1/eth0");
    private static final EndpointId SW_PORT = EndpointId.parse("sw/p4");
    private static final String VM_IP = "10.99.0.5";
    /** A running VM cannot change its MTU: its NIC fits the narrower path between the clouds from the start. */
    private static final int VM_MTU = 1400;
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    /** The devices of e3 without guests. */
    private List<String> emptyE3;

    @Before
    public void buildClouds() throws Exception {
        Vms.ensureImage();
        Clouds.build(topology(), false);
        awaitApplied();
        emptyE3 = Netns.links(hostNs(Clouds.E3));
    }

    @After
    public void clearClouds() {
        Clouds.clear(wires(), admin());
        afterRemoval(true);
    }

    @Test
    public void aVmMovesToAnotherCloudWithItsWireWhileTheProbeRuns() throws Exception {
        VmAnswers.retryOnHypervisorFault(this::moveToWest, () -> {
            admin().disconnect(wires().wireOf(VM_NIC).orElseThrow().id());
            admin().removeGuest(VM);
            awaitApplied();
        });
    }

    private void moveToWest() throws Exception {
        addVm();
        long source = Vms.onlyQemu(hostNs(Clouds.E3));
        CompletableFuture<ProbeResult> probe = Moves.startProbe(
                () -> probes().probe(Clouds.WEB1, VM_NIC, Duration.ofSeconds(15), Duration.ofMillis(1)));
        MigrationRecord r = migrations().migrate(VM, Clouds.W2, Map.of(), s -> { });
        ProbeResult p = probe.join();
        Moves.assertSucceeded(r, VM, Clouds.E3, Clouds.W2);
        VmAnswers.assertAnswers(wires(), VM_NIC, VM_IP, guestNs("web1"), prefix(), Clouds.W2);
        Moves.assertTrafficFlowed(p, r);
        Moves.assertWiresFollow(wires(), VM, Clouds.W2);
        assertTrue("web2 (west) -> vm1 (west) through the switch in east", Netns.pingEventually(guestNs("web2"), VM_IP, 3));
        assertFalse("the source QEMU ended", ProcessHandle.of(source).map(ProcessHandle::isAlive).orElse(false));
        assertEquals("no QEMU left at e3", List.of(), Vms.qemuPids(hostNs(Clouds.E3)));
        assertEquals("no files of vm1 left at e3", List.of(), Vms.files(prefix(), Clouds.E3.name(), VM.name()));
        assertEquals("nothing of vm1 left on e3", emptyE3, Netns.links(hostNs(Clouds.E3)));
    }

    /** Adds the VM on e3, wired to the switch's free port, and waits until it answers web1. */
    private void addVm() throws InterruptedException {
        admin().batch(a -> {
            a.addGuest(VM, GuestKind.VM, Clouds.E3);
            a.addEndpoint(VM_NIC, null, VM_IP + "/24", VM_MTU);
            a.connect(VM_NIC, SW_PORT);
        });
        awaitApplied();
        long end = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!Netns.ping(guestNs("web1"), VM_IP)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("vm1 never answered web1; its console:\n" + Vms.console(prefix(), "e3", "vm1"));
            }
            Thread.sleep(500);
        }
    }
}
