package org.virtualwire.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.virtualwire.api.gateway.GatewayDrop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

class SealerOpenerTest {

    private static final long A = 0xC6133D01L; // 198.19.61.1
    private static final long B = 0xC6133D02L;
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final String key = TestKeys.newKey();
    private final Sealer sealer = new Sealer();
    private final Opener opener = new Opener();

    private ByteBuf vxlan() {
        return Unpooled.directBuffer().writeBytes(
                "\u0008\0\0\0\0\0\u002a\0dst-mac-src-mac-ethertype and a payload".getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"AES_GCM", "CHACHA20_POLY1305"})
    void whatOneSideSealsTheOtherOpensOnce(CipherSuite suite) throws Exception {
        PeerLink aToB = TestKeys.link(key, A, B, suite);
        PeerLink bFromA = TestKeys.link(key, B, A, suite);
        ByteBuf plain = vxlan();
        ByteBuf sealed = sealer.seal(aToB, plain, ALLOC);
        assertEquals(plain.readableBytes() + TunnelHeader.LENGTH + CipherSuite.TAG_LENGTH, sealed.readableBytes());
        ByteBuf opened = opener.open(bFromA, false, sealed, ALLOC);
        assertNotNull(opened, "failure: " + opener.failure());
        assertEquals(ByteBufUtil.hexDump(plain), ByteBufUtil.hexDump(opened));
        assertNull(opener.open(bFromA, false, sealed, ALLOC), "the same packet again");
        assertEquals(GatewayDrop.REPLAY, opener.failure());
        opened.release();
        sealed.release();
        plain.release();
    }

    /**
     * Bit 0 of header byte 9 is bit 48 of the sequence number, i.e. bit 28 of the sender's start time in
     * milliseconds ({@link StartClock}): the flip moves the number 2^28 ms (3.1 days) ahead when that bit is 0 and
     * as far behind when it is 1. Both clocks are fixed here, so the test does not depend on the day it runs.
     */
    private static final long START_BIT28_CLEAR = 1_796_000_000_000L & ~(1L << 28);
    private static final long START_BIT28_SET = 1_796_000_000_000L | (1L << 28);
    private static final long SKEW = 300_000;
    private static final int SEQUENCE_BIT_48 = 9;

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"AES_GCM", "CHACHA20_POLY1305"})
    void anyFlippedBitFailsAuthentication(CipherSuite suite) throws Exception {
        for (long start : new long[] {START_BIT28_CLEAR, START_BIT28_SET}) {
            StartClock clock = new StartClock(start, SKEW);
            PeerLink aToB = TestKeys.link(key, 1, A, B, suite, clock);
            PeerLink bFromA = TestKeys.link(key, 1, B, A, suite, clock);
            int[] positions = {2, 5, 15, TunnelHeader.LENGTH, TunnelHeader.LENGTH + 20, -1};
            for (int pos : positions) {
                assertEquals(GatewayDrop.AUTH_FAILED, openFlipped(aToB, bFromA, pos),
                        "start " + start + ", bit flipped at " + pos);
            }
        }
    }

    /**
     * A flip that moves the sequence number ahead is caught by the tag; one that moves it below the replay floor is
     * refused before the tag is checked and counted as a replay: such a packet cannot be told from a recorded one
     * without decrypting it, and the window is checked first so that a flood of replays costs no AEAD work (the
     * order of RFC 4303, 3.4.3). Either way it is dropped and nothing is delivered.
     */
    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"AES_GCM", "CHACHA20_POLY1305"})
    void aFlippedSequenceBitFailsAuthenticationAheadAndIsAReplayBehind(CipherSuite suite) throws Exception {
        StartClock ahead = new StartClock(START_BIT28_CLEAR, SKEW);
        assertEquals(GatewayDrop.AUTH_FAILED, openFlipped(TestKeys.link(key, 1, A, B, suite, ahead),
                TestKeys.link(key, 1, B, A, suite, ahead), SEQUENCE_BIT_48));
        StartClock behind = new StartClock(START_BIT28_SET, SKEW);
        assertEquals(GatewayDrop.REPLAY, openFlipped(TestKeys.link(key, 1, A, B, suite, behind),
                TestKeys.link(key, 1, B, A, suite, behind), SEQUENCE_BIT_48));
    }

    /** @return why the opener dropped a packet sealed by {@code sender} with bit 0 of byte {@code pos} flipped */
    private GatewayDrop openFlipped(PeerLink sender, PeerLink receiver, int pos) throws Exception {
        ByteBuf plain = vxlan();
        ByteBuf sealed = sealer.seal(sender, plain, ALLOC);
        int at = pos < 0 ? sealed.writerIndex() - 1 : pos; // -1: last byte of the tag
        sealed.setByte(at, sealed.getByte(at) ^ 0x01);
        ByteBuf opened = opener.open(receiver, false, sealed, ALLOC);
        sealed.release();
        plain.release();
        if (opened != null) {
            opened.release();
            return null;
        }
        return opener.failure();
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"AES_GCM", "CHACHA20_POLY1305"})
    void aPacketReflectedBackToItsSenderOrSealedWithAnotherKeyFails(CipherSuite suite) throws Exception {
        PeerLink aToB = TestKeys.link(key, A, B, suite);
        PeerLink aFromB = TestKeys.link(key, A, B, suite); // A's view of B: the other direction's key
        PeerLink bFromAOtherKey = TestKeys.link(TestKeys.newKey(), B, A, suite);
        ByteBuf plain = vxlan();
        ByteBuf sealed = sealer.seal(aToB, plain, ALLOC);
        assertNull(opener.open(aFromB, false, sealed, ALLOC), "reflected");
        assertEquals(GatewayDrop.AUTH_FAILED, opener.failure());
        assertNull(opener.open(bFromAOtherKey, false, sealed, ALLOC), "other key");
        assertEquals(GatewayDrop.AUTH_FAILED, opener.failure());
        assertNull(opener.open(null, false, sealed, ALLOC), "no key configured");
        assertEquals(GatewayDrop.AUTH_FAILED, opener.failure());
        sealed.release();
        plain.release();
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"AES_GCM", "CHACHA20_POLY1305"})
    void plainPacketsPassOnlyWhenPlainIsAccepted(CipherSuite suite) {
        PeerLink bFromA = TestKeys.link(key, B, A, suite);
        ByteBuf plain = vxlan();
        ByteBuf tunnel = Unpooled.directBuffer();
        TunnelHeader.writePlain(tunnel);
        tunnel.writeBytes(plain, plain.readerIndex(), plain.readableBytes());
        assertNull(opener.open(bFromA, false, tunnel, ALLOC), "plain from a sealed peer");
        assertEquals(GatewayDrop.AUTH_FAILED, opener.failure());
        ByteBuf opened = opener.open(bFromA, true, tunnel, ALLOC);
        assertEquals(ByteBufUtil.hexDump(plain), ByteBufUtil.hexDump(opened));
        opened.release();
        tunnel.release();
        plain.release();
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"AES_GCM", "CHACHA20_POLY1305"})
    void shortOrUnknownHeadersAreMalformed(CipherSuite suite) {
        PeerLink bFromA = TestKeys.link(key, B, A, suite);
        ByteBuf tiny = Unpooled.wrappedBuffer(new byte[] {1, 1, 0});
        assertNull(opener.open(bFromA, false, tiny, ALLOC));
        assertEquals(GatewayDrop.MALFORMED, opener.failure());
        ByteBuf badVersion = Unpooled.wrappedBuffer(new byte[64]);
        badVersion.setByte(0, 7);
        assertNull(opener.open(bFromA, false, badVersion, ALLOC));
        assertEquals(GatewayDrop.MALFORMED, opener.failure());
        ByteBuf badSuite = Unpooled.wrappedBuffer(new byte[64]);
        badSuite.setByte(0, TunnelHeader.VERSION).setByte(1, 9);
        assertNull(opener.open(bFromA, false, badSuite, ALLOC));
        assertEquals(GatewayDrop.MALFORMED, opener.failure());
    }
}
