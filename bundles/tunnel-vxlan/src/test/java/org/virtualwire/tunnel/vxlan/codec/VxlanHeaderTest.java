package org.virtualwire.tunnel.vxlan.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The parser the gateway's relay uses on its hot path: reads from the reader index, moves nothing. */
class VxlanHeaderTest {

    private static ByteBuf packet(int skip, int flags, int vni, int frame) {
        ByteBuf b = Unpooled.buffer();
        b.writeZero(skip).writeByte(flags).writeMedium(0).writeMedium(vni).writeByte(0).writeZero(frame);
        return b.readerIndex(skip);
    }

    @Test
    void readsTheVniFromTheReaderIndexWithoutMovingIt() {
        ByteBuf p = packet(5, VxlanHeader.FLAG_I, 0x800001, 14);
        assertTrue(VxlanHeader.valid(p));
        assertEquals(0x800001, VxlanHeader.vni(p, p.readerIndex()));
        assertEquals(5, p.readerIndex());
        p.release();
    }

    @Test
    void refusesAPacketWithoutTheIFlagOrTooShortForAnEthernetHeader() {
        ByteBuf noFlag = packet(0, 0x80, 7, 14);
        ByteBuf tooShort = packet(0, VxlanHeader.FLAG_I, 7, 13);
        assertFalse(VxlanHeader.valid(noFlag));
        assertFalse(VxlanHeader.valid(tooShort));
        noFlag.release();
        tooShort.release();
    }
}
