package org.virtualwire.spi.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.virtualwire.testing.RecordingKernel;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The fake's model follows the lines the project writes, so that reconcilers' second passes see their first. */
class RecordingKernelTest {

    @Test
    void linksFollowIpBatchesAndDeleteLinksTakesTheGroupOnly() throws KernelException {
        RecordingKernel k = new RecordingKernel().addNetns("h1");
        k.addLink("h1", "keep", "veth");
        k.batch("ip", "h1", List.of("link add vx7 type vxlan id 7 local 198.18.0.1 remote 198.18.0.2 dstport 4789",
                "link set vx7 up", "link set dev vx7 alias \"vw a b\"", "link set vx7 type vxlan remote 198.18.0.3"));
        Link vx = k.link("h1", "vx7");
        assertEquals(List.of(7, true, "vw a b", "198.18.0.3"), List.of(vx.vni(), vx.up(), vx.alias(), vx.remote()));
        k.deleteLinks("h1", List.of("vx7"));
        assertNull(k.link("h1", "vx7"));
        assertEquals(List.of("keep"), k.links("h1").stream().map(Link::name).toList());
        assertEquals(List.of("link set dev vx7 group 77", "link del group 77"), k.calls().get(1).lines());
    }

    @Test
    void nftScriptsAreTransactionsOnSetsAndCounters() throws KernelException {
        RecordingKernel k = new RecordingKernel();
        k.nftApply("h1", List.of("table ip t {", "  set s { typeof ip saddr ; }", "  counter c { }", "}",
                "add element ip t s { 1.2.3.4, 5.6.7.8 }", "delete element ip t s { 1.2.3.4 }"));
        assertEquals(Optional.of(List.of("5.6.7.8")), k.nftElements("h1", "ip", "t", "s"));
        assertEquals(0, k.nftCounter("h1", "ip", "t", "c").orElseThrow());
        k.failOn("9.9.9.9");
        assertThrows(KernelException.class, () -> k.nftApply("h1", List.of("delete table ip t",
                "add element ip t s { 9.9.9.9 }")));
        assertTrue(k.nftElements("h1", "ip", "t", "s").isPresent(), "a refused script changed nothing");
        k.nftApply("h1", List.of("delete table ip t"));
        assertTrue(k.nftElements("h1", "ip", "t", "s").isEmpty());
        assertTrue(k.nftCounter("h1", "ip", "t", "c").isEmpty());
    }

    @Test
    void aMissingNamespaceCannotBeRead() {
        assertThrows(KernelException.class, () -> new RecordingKernel().links("nowhere"));
    }
}
