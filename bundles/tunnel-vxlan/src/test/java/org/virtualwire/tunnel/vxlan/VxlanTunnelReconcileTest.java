package org.virtualwire.tunnel.vxlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.HostId;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.testing.RecordingKernel;

/**
 * The provider's passes against the recording kernel: which commands, in which order, and nothing when nothing
 * is to change (VxlanTunnelProviderTest and UnderlayFilterTest check the same against real namespaces).
 */
class VxlanTunnelReconcileTest {
    private static final String NS = "h1";
    private static final String TABLE = "ip " + UnderlayFilter.TABLE;

    private final RecordingKernel kernel = new RecordingKernel().addNetns(NS);
    private final VxlanTunnelProvider provider = new VxlanTunnelProvider(kernel);

    private static TunnelPlan plan(WireEnd... ends) {
        return new TunnelPlan(HostId.of("h1"), NS, List.of(ends));
    }

    private static WireEnd end(String... remotes) {
        return new WireEnd(new WireId(7), "ve1", "198.18.9.1", List.of(remotes), null);
    }

    private List<String> tools() {
        return kernel.calls().stream().map(c -> c.tool() + (c.tolerant() ? " -force" : "")).toList();
    }

    @Test
    void aNewEndLetsItsFarHostInFirstThenIsMadeJoinedAndMarkedLast() throws KernelException {
        kernel.addLink(NS, "ve1", "veth");
        provider.reconcile(plan(end("198.18.9.2")));
        assertEquals(List.of("nft", "ip", "tc -force", "tc", "ip"), tools());
        assertTrue(kernel.calls().get(0).lines().contains("add element " + TABLE + " ends { 198.18.9.2 . 7 }"),
                kernel.calls().get(0).lines().toString());
        assertEquals(List.of("link add vx7 type vxlan id 7 local 198.18.9.1 remote 198.18.9.2 dstport 4789"
                + " nolearning udpcsum", "link set vx7 up"), kernel.calls().get(1).lines());
        assertEquals(List.of("qdisc add dev ve1 ingress", "qdisc add dev vx7 ingress"), kernel.calls().get(2).lines());
        assertEquals(2, kernel.calls().get(3).lines().size());
        assertTrue(kernel.link(NS, "vx7").alias().startsWith("vw:wire=7 dev=ve1@"), kernel.link(NS, "vx7").alias());

        kernel.clearCalls();
        provider.reconcile(plan(end("198.18.9.2"))); // as after an agent restart
        assertEquals(List.of(), kernel.calls(), "a right wire end is not touched");
        provider.verify(plan(end("198.18.9.2")));
    }

    @Test
    void aMovingPeerIsAddedBeforeTheOldOneGoesAndTheDeviceIsRepointedInPlace() throws KernelException {
        kernel.addLink(NS, "ve1", "veth");
        provider.reconcile(plan(end("198.18.9.2")));
        int index = kernel.link(NS, "vx7").ifindex();

        kernel.clearCalls();
        provider.reconcile(plan(end("198.18.9.2", "198.18.9.3"))); // dual-homed while the peer moves
        assertEquals(List.of("add element " + TABLE + " ends { 198.18.9.3 . 7 }"), kernel.lines("nft", NS));
        assertEquals(List.of("fdb append 00:00:00:00:00:00 dev vx7 dst 198.18.9.3"), kernel.lines("bridge", NS));

        kernel.clearCalls();
        provider.reconcile(plan(end("198.18.9.3")));
        assertEquals(List.of("delete element " + TABLE + " ends { 198.18.9.2 . 7 }"), kernel.lines("nft", NS));
        assertEquals("link set vx7 type vxlan remote 198.18.9.3", kernel.lines("ip", NS).get(0));
        assertEquals(index, kernel.link(NS, "vx7").ifindex(), "same device");
        assertEquals("198.18.9.3", kernel.link(NS, "vx7").remote());
    }

    @Test
    void aRefusedFilterChangeMakesNoDevice() {
        kernel.addLink(NS, "ve1", "veth");
        kernel.failOn("198.18.9.2 . 7");
        assertThrows(KernelException.class, () -> provider.reconcile(plan(end("198.18.9.2"))));
        assertEquals(List.of("nft"), tools());
        assertNull(kernel.link(NS, "vx7"));
    }

    @Test
    void theLastEndTakesTheTableAndItsDeviceAway() throws KernelException {
        kernel.addLink(NS, "ve1", "veth");
        provider.reconcile(plan(end("198.18.9.2")));
        kernel.clearCalls();
        provider.reconcile(plan());
        assertEquals(List.of("delete table " + TABLE), kernel.calls().get(0).lines());
        assertEquals(List.of("link set dev vx7 group 77", "link del group 77"), kernel.calls().get(1).lines());
        assertNull(kernel.link(NS, "vx7"));
        assertTrue(kernel.nftElements(NS, "ip", UnderlayFilter.TABLE, "ends").isEmpty());

        kernel.clearCalls();
        provider.reconcile(plan());
        assertEquals(List.of(), kernel.calls(), "a host without wire ends is not asked to change");
    }

    @Test
    void anEndWithoutItsDeviceYetIsMadeButNotJoined() throws KernelException {
        provider.reconcile(plan(end("198.18.9.2")));
        assertEquals(List.of("nft", "ip", "ip"), tools());
        assertThrows(KernelException.class, () -> provider.verify(plan(new WireEnd(new WireId(8), "ve2",
                "198.18.9.1", "198.18.9.2"))), "vx8 is missing");
    }

    @Test
    void filteredIsTheWiresDropCounter() throws KernelException {
        assertEquals(0, provider.filtered(NS, new WireId(7)), "no table, nothing dropped");
        kernel.setCounter(NS, "ip", UnderlayFilter.TABLE, UnderlayFilter.COUNTER_PREFIX + 7, 42);
        assertEquals(42, provider.filtered(NS, new WireId(7)));
    }
}
