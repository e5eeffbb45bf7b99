package org.virtualwire.tunnel.vxlan.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.virtualwire.tunnel.vxlan.codec.VxlanTestFrames.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoder output fed to the decoder gives back the packet that went in, and every buffer ends at refCnt 0. */
class VxlanRoundTripTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 0x800000, 0xffffff})
    void roundTrip(int vni) {
        EmbeddedChannel sender = new EmbeddedChannel(VxlanEncoder.INSTANCE);
        EmbeddedChannel receiver = new EmbeddedChannel(new VxlanDecoder());
        ByteBuf frame = Unpooled.directBuffer().writeBytes(frame(vni & 0xff));

        sender.writeOutbound(new VxlanPacket(vni, frame, LOCAL, REMOTE));
        DatagramPacket wire = sender.readOutbound();
        ByteBuf wireContent = wire.content();
        receiver.writeInbound(wire);
        VxlanPacket back = receiver.readInbound();

        assertEquals(vni, back.vni());
        assertEquals(LOCAL, back.recipient());
        assertEquals(REMOTE, back.sender());
        assertArrayEquals(frame(vni & 0xff), toArray(back.frame()));
        assertEquals(1, frame.refCnt());
        back.release();
        assertEquals(0, wireContent.refCnt());
        assertEquals(0, frame.refCnt());
    }
}
