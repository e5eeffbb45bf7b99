package org.virtualwire.tunnel.vxlan.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.virtualwire.tunnel.vxlan.codec.VxlanTestFrames.*;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VxlanDecoderTest {

    private final VxlanDecoder decoder = new VxlanDecoder();
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private VxlanPacket decodeOne(ByteBuf content) {
        channel.writeInbound(datagram(content));
        VxlanPacket packet = channel.readInbound();
        assertNull(channel.readInbound(), "one datagram must give at most one packet");
        return packet;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 0x7f, 0x80, 0xff, 0x8000, 0x7fffff, 0x800000, 0x80002a, 0xfffffe, 0xffffff})
    void decodesEveryVniUnsigned(int vni) {
        VxlanPacket packet = decodeOne(bytes(header(0x08, 0, vni), frame(1)));
        assertEquals(vni, packet.vni());
        assertArrayEquals(frame(1), toArray(packet.frame()));
        assertEquals(LOCAL, packet.recipient());
        assertEquals(REMOTE, packet.sender());
        packet.release();
    }

    @Test
    void highBitVniIsPositive() {
        VxlanPacket packet = decodeOne(bytes(header(0x08, 0, 0x800000), frame(1)));
        assertEquals(8388608, packet.vni());
        packet.release();
    }

    @Test
    void innerFrameIsARetainedSliceNotACopy() {
        ByteBuf content = bytes(header(0x08, 0, 42), frame(1));
        VxlanPacket packet = decodeOne(content);
        assertEquals(1, content.refCnt(), "the decoder released the datagram, the slice keeps the memory");
        content.setByte(VxlanHeader.LENGTH + 41, 99);
        assertEquals(99, packet.frame().getByte(packet.frame().readerIndex() + 41), "frame shares memory");
        packet.release();
        assertEquals(0, content.refCnt());
    }

    @Test
    void honoursTheReaderIndex() {
        ByteBuf content = bytes(new byte[] {1, 2, 3}, header(0x08, 0, 0xffffff), frame(7));
        content.skipBytes(3);
        VxlanPacket packet = decodeOne(content);
        assertEquals(0xffffff, packet.vni());
        assertArrayEquals(frame(7), toArray(packet.frame()));
        packet.release();
        assertEquals(0, content.refCnt());
    }

    @Test
    void ignoresReservedBitsAndOtherFlags() {
        VxlanPacket packet = decodeOne(bytes(header(0xff, 0xff, 0x800000), frame(2)));
        assertEquals(0x800000, packet.vni());
        packet.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 21})
    void dropsAndCountsShortDatagrams(int length) {
        byte[] all = toArray(bytes(header(0x08, 0, 5), frame(1)));
        ByteBuf content = bytes(java.util.Arrays.copyOf(all, length));
        assertFalse(channel.writeInbound(datagram(content)));
        assertEquals(0, content.refCnt());
        assertEquals(1, decoder.drops().tooShort());
        assertEquals(0, decoder.drops().noVni());
    }

    @Test
    void acceptsTheShortestFrame() {
        byte[] all = toArray(bytes(header(0x08, 0, 5), frame(1)));
        VxlanPacket packet = decodeOne(bytes(java.util.Arrays.copyOf(all, 22)));
        assertEquals(14, packet.frame().readableBytes());
        packet.release();
        assertEquals(0, decoder.drops().total());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0xf7, 0x80})
    void dropsAndCountsDatagramsWithoutIFlag(int flags) {
        ByteBuf content = bytes(header(flags, 0, 5), frame(1));
        assertFalse(channel.writeInbound(datagram(content)));
        assertEquals(0, content.refCnt());
        assertEquals(1, decoder.drops().noVni());
        assertEquals(1, decoder.drops().total());
    }

    @Test
    void passesOtherMessagesOn() {
        Object other = "not a datagram";
        channel.writeInbound(other);
        assertSame(other, channel.readInbound());
    }

    @Test
    void decoderIsNotSharableEncoderIs() {
        assertFalse(decoder.isSharable());
        org.junit.jupiter.api.Assertions.assertTrue(VxlanEncoder.INSTANCE.isSharable());
    }
}
