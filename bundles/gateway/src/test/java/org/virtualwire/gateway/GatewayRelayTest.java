package org.virtualwire.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.virtualwire.gateway.LoopbackPair.A1;
import static org.virtualwire.gateway.LoopbackPair.A_PUBLIC;
import static org.virtualwire.gateway.LoopbackPair.B1;
import static org.virtualwire.gateway.LoopbackPair.B_PUBLIC;
import static org.virtualwire.gateway.LoopbackPair.await;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.TrafficCounters;
import org.virtualwire.gateway.crypto.CipherSuite;
import org.virtualwire.gateway.crypto.PeerLink;
import org.virtualwire.gateway.crypto.Sealer;
import org.virtualwire.gateway.crypto.StartClock;
import org.virtualwire.gateway.crypto.TestKeys;
import org.virtualwire.gateway.crypto.TunnelHeader;
import org.virtualwire.gateway.table.Ipv4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Two real gateways on the loopback, with real sockets: what crosses them, and what they refuse. "Not
 * forwarded" is shown without timing: once a bad packet is counted as dropped, a good packet sent after it
 * must be the first thing the destination receives.
 */
class GatewayRelayTest {

    private static final int VNI = 0x80002a; // top bit set: a signed-byte bug would show
    private LoopbackPair pair;

    @AfterEach
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"AES-GCM, epoll", "ChaCha20-Poly1305, epoll", "AES-GCM, nio"})
    void framesCrossBothGatewaysSealedAndArriveByteForByte(String cipher, String transport) throws Exception {
        pair = new LoopbackPair(cipher, false, transport);
        pair.wire(VNI, true, B1);
        byte[] there = TestHost.vxlan(VNI, 1, 1400);
        pair.a1.send(there, pair.aPrivate());
        assertArrayEquals(there, pair.b1.next(10), "a1 -> A -> B -> b1");
        byte[] back = TestHost.vxlan(VNI, 2, 64);
        pair.b1.send(back, pair.b.relay().hostSideAddress());
        assertArrayEquals(back, pair.a1.next(10), "b1 -> B -> A -> a1");

        TrafficCounters a = pair.a.counters();
        assertEquals(2, a.receivedPackets(), "A: a1's frame and B's tunnel packet");
        assertEquals(2, a.forwardedPackets());
        assertEquals(0, a.droppedTotal(), a.drops().toString());
        TrafficCounters wire = pair.b.wireCounters().get(new WireId(VNI));
        assertNotNull(wire, "B counts the wire");
        assertEquals(2, wire.receivedPackets());
        assertEquals(1400 + TunnelHeader.LENGTH + CipherSuite.TAG_LENGTH + 64, wire.receivedBytes(),
                "B received one sealed 1400-byte frame from A and b1's 64 bytes");
        assertEquals(transport.equals("epoll"), pair.a.relay().epoll());
    }

    @Test
    void aBurstArrivesWholeAndInOrderThoughItLeavesInBatches() throws Exception {
        pair = new LoopbackPair("AES-GCM", false, "epoll");
        pair.wire(VNI, true, B1);
        int burst = 300;
        for (int i = 0; i < burst; i++) {
            pair.a1.send(TestHost.vxlan(VNI, i, i == burst - 1 ? 500 : 1000), pair.aPrivate());
        }
        for (int i = 0; i < burst; i++) {
            byte[] got = pair.b1.next(10);
            assertNotNull(got, "frame " + i + " of the burst");
            assertEquals(i, TestHost.seq(got));
            assertEquals(i == burst - 1 ? 500 : 1000, got.length, "frame " + i + " keeps its length");
        }
        assertEquals(burst, pair.b.counters().forwardedPackets());
    }

    @Test
    void aSpoofedSenderIsDroppedAndCounted() throws Exception {
        pair = new LoopbackPair("AES-GCM", false, "epoll");
        pair.wire(VNI, true, B1);
        try (TestHost forger = new TestHost("127.0.10.99", 0)) {
            forger.send(TestHost.vxlan(VNI, 666, 100), pair.aPrivate());
            await(() -> pair.a.counters().dropped(GatewayDrop.UNKNOWN_SENDER) == 1);
        }
        assertEquals(1, pair.a.counters().dropped(GatewayDrop.UNKNOWN_SENDER));
        assertMarkerArrivesFirst();
    }

    @Test
    void aWireTheSenderMayNotUseIsDroppedAndCounted() throws Exception {
        pair = new LoopbackPair("AES-GCM", false, "epoll");
        pair.wire(VNI, true, B1);
        pair.a1.send(TestHost.vxlan(VNI + 1, 666, 100), pair.aPrivate());
        await(() -> pair.a.counters().dropped(GatewayDrop.VNI_NOT_ALLOWED) == 1);
        assertEquals(1, pair.a.counters().dropped(GatewayDrop.VNI_NOT_ALLOWED));
        assertEquals(0, pair.a.counters().dropped(GatewayDrop.UNKNOWN_SENDER));
        assertMarkerArrivesFirst();
    }

    @Test
    void aTamperedTunnelPacketIsDroppedAndCounted() throws Exception {
        pair = new LoopbackPair("AES-GCM", false, "epoll");
        pair.wire(VNI, true, B1);
        ByteBuf sealed = sealAsA(TestHost.vxlan(VNI, 666, 200));
        byte[] bytes = ByteBufUtil.getBytes(sealed);
        sealed.release();
        bytes[TunnelHeader.LENGTH + 30] ^= 0x40; // a bit of the inner frame
        try (TestHost forger = new TestHost(A_PUBLIC, 0)) { // A's own address: only the key tells them apart
            forger.send(bytes, pair.b.relay().peerSideAddress());
            await(() -> pair.b.counters().dropped(GatewayDrop.AUTH_FAILED) == 1);
        }
        assertEquals(1, pair.b.counters().dropped(GatewayDrop.AUTH_FAILED));
        assertMarkerArrivesFirst();
    }

    @Test
    void aReplayedTunnelPacketIsDeliveredOnceThenDroppedAndCounted() throws Exception {
        pair = new LoopbackPair("AES-GCM", false, "epoll");
        pair.wire(VNI, true, B1);
        ByteBuf sealed = sealAsA(TestHost.vxlan(VNI, 42, 200));
        byte[] bytes = ByteBufUtil.getBytes(sealed);
        sealed.release();
        try (TestHost forger = new TestHost(A_PUBLIC, 0)) {
            forger.send(bytes, pair.b.relay().peerSideAddress());
            byte[] first = pair.b1.next(10);
            assertNotNull(first, "the genuine packet gets through");
            assertEquals(42, TestHost.seq(first));
            forger.send(bytes, pair.b.relay().peerSideAddress());
            await(() -> pair.b.counters().dropped(GatewayDrop.REPLAY) == 1);
        }
        assertEquals(1, pair.b.counters().dropped(GatewayDrop.REPLAY));
        assertMarkerArrivesFirst();
    }

    @Test
    void plainBetweenGatewaysOnlyWhenBothThePlanAndTheConfigurationSaySo() throws Exception {
        pair = new LoopbackPair("AES-GCM", true, "epoll");
        pair.wire(VNI, false, B1);
        byte[] frame = TestHost.vxlan(VNI, 1, 300);
        pair.a1.send(frame, pair.aPrivate());
        assertArrayEquals(frame, pair.b1.next(10), "plain tunnel");
        // the same peer marked sealed again: a plain packet from it is now refused
        pair.b.apply(Plans.crossing(2, pair.peerA(true), VNI, B1));
        ByteBuf plain = Unpooled.buffer();
        TunnelHeader.writePlain(plain);
        plain.writeBytes(frame);
        try (TestHost forger = new TestHost(A_PUBLIC, 0)) {
            forger.send(ByteBufUtil.getBytes(plain), pair.b.relay().peerSideAddress());
            await(() -> pair.b.counters().dropped(GatewayDrop.AUTH_FAILED) == 1);
        }
        assertEquals(1, pair.b.counters().dropped(GatewayDrop.AUTH_FAILED));
        pair.a.apply(Plans.crossing(2, pair.peerB(true), VNI, A1));
        assertMarkerArrivesFirst();
    }

    @Test
    void aPeerThatMustBeSealedButHasNoKeyGetsNothing() throws Exception {
        pair = new LoopbackPair("AES-GCM", false, "epoll");
        // a plan naming a gateway for which A has no key
        pair.a.apply(Plans.crossing(1, new org.virtualwire.spi.gateway.GatewayPeer("127.0.20.9", 9, true), VNI, A1));
        pair.a1.send(TestHost.vxlan(VNI, 1, 100), pair.aPrivate());
        await(() -> pair.a.counters().dropped(GatewayDrop.NO_ROUTE) == 1);
        assertEquals(1, pair.a.counters().dropped(GatewayDrop.NO_ROUTE));
        assertEquals(0, pair.a.counters().forwardedPackets());
    }

    @Test
    void malformedDatagramsAreDroppedAndCounted() throws Exception {
        pair = new LoopbackPair("AES-GCM", false, "epoll");
        pair.wire(VNI, true, B1);
        byte[] noIFlag = TestHost.vxlan(VNI, 1, 100);
        noIFlag[0] = 0;
        pair.a1.send(noIFlag, pair.aPrivate());
        pair.a1.send(new byte[10], pair.aPrivate());
        pair.a1.send(new byte[3000], pair.aPrivate()); // longer than max.datagram: may have been cut short
        await(() -> pair.a.counters().dropped(GatewayDrop.MALFORMED) == 3);
        assertEquals(3, pair.a.counters().dropped(GatewayDrop.MALFORMED));
        assertMarkerArrivesFirst();
    }

    /**
     * Seals a packet as an earlier run of A would have toward B, with the pair's key: a minute old, so its
     * sequence numbers lie below the running A's (which B must go on accepting) and above B's replay floor.
     */
    private ByteBuf sealAsA(byte[] vxlan) throws Exception {
        PeerLink link = TestKeys.link(pair.key, 7, Ipv4.parse(A_PUBLIC), Ipv4.parse(B_PUBLIC), CipherSuite.AES_GCM,
                new StartClock(System.currentTimeMillis() - 60_000, 0));
        return new Sealer().seal(link, Unpooled.wrappedBuffer(vxlan), ByteBufAllocator.DEFAULT);
    }

    /** A good frame sent now is the first (and only) thing b1 receives: nothing dropped earlier leaked through. */
    private void assertMarkerArrivesFirst() throws Exception {
        byte[] marker = TestHost.vxlan(VNI, 4242, 100);
        pair.a1.send(marker, pair.aPrivate());
        byte[] first = pair.b1.next(10);
        assertNotNull(first, "the good frame after the dropped ones did not arrive");
        assertEquals(4242, TestHost.seq(first), "something dropped was forwarded before the good frame");
        assertNull(pair.b1.received().poll(), "nothing else");
        assertTrue(pair.b2.received().isEmpty(), "b2 is not on the wire");
    }

}
