package org.virtualwire.tunnel.vxlan.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.virtualwire.tunnel.vxlan.codec.VxlanTestFrames.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VxlanEncoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(VxlanEncoder.INSTANCE);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 0x800000, 0x80002a, 0xffffff})
    void writesRfc7348Header(int vni) {
        channel.writeOutbound(new VxlanPacket(vni, Unpooled.wrappedBuffer(frame(3)), REMOTE, LOCAL));
        DatagramPacket out = channel.readOutbound();
        byte[] expectedHeader = {0x08, 0, 0, 0, (byte) (vni >> 16), (byte) (vni >> 8), (byte) vni, 0};
        assertArrayEquals(toArray(bytes(expectedHeader, frame(3))), toArray(out.content()));
        assertEquals(REMOTE, out.recipient());
        assertEquals(LOCAL, out.sender());
        out.release();
    }

    @Test
    void frameIsNotCopiedAndIsReleasedWithTheDatagram() {
        ByteBuf frame = Unpooled.wrappedBuffer(frame(4));
        channel.writeOutbound(new VxlanPacket(7, frame, REMOTE));
        DatagramPacket out = channel.readOutbound();
        assertEquals(1, frame.refCnt(), "the encoder released the packet; the datagram holds the frame");
        frame.setByte(0, 0x11);
        assertEquals(0x11, out.content().getByte(out.content().readerIndex() + VxlanHeader.LENGTH));
        assertNull(out.sender());
        out.release();
        assertEquals(0, frame.refCnt());
    }

    @Test
    void refusesPacketWithoutRecipientAndReleasesIt() {
        ByteBuf frame = Unpooled.wrappedBuffer(frame(5));
        assertThrows(EncoderException.class, () -> channel.writeOutbound(new VxlanPacket(7, frame, null)));
        assertEquals(0, frame.refCnt());
        assertNull(channel.readOutbound());
    }
}
