package org.virtualwire.tunnel.vxlan.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.virtualwire.tunnel.vxlan.codec.VxlanTestFrames.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VxlanPacketTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x1000000, Integer.MIN_VALUE})
    void rejectsVniOutside24BitsAndReleasesFrame(int vni) {
        ByteBuf frame = Unpooled.wrappedBuffer(frame(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VxlanPacket(vni, frame, REMOTE));
        assertEquals("vni " + vni + " is outside 0..16777215", e.getMessage());
        assertEquals(0, frame.refCnt(), "the packet took ownership and released the frame");
    }

    @Test
    void duplicatesKeepVniAndAddressesAndShareTheCount() {
        ByteBuf frame = Unpooled.wrappedBuffer(frame(1));
        VxlanPacket packet = new VxlanPacket(0x800000, frame, REMOTE, LOCAL);
        VxlanPacket dup = packet.retainedDuplicate();
        assertEquals(packet, dup);
        assertEquals(2, frame.refCnt());
        VxlanPacket copy = packet.copy();
        assertEquals(packet, copy);
        copy.content().setByte(0, 0x55);
        assertNotEquals(0x55, frame.getByte(0), "copy() must not share memory");
        copy.release();
        dup.release();
        packet.release();
        assertEquals(0, frame.refCnt());
    }
}
