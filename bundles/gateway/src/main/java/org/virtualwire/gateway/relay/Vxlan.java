package org.virtualwire.gateway.relay;

import io.netty.buffer.ByteBuf;

/**
 * The little of RFC 7348 the relay reads: it checks the I flag and takes the 24-bit VNI, and otherwise forwards
 * the VXLAN packet byte for byte.
 */
final class Vxlan {

    /** VXLAN header plus the shortest Ethernet header worth relaying. */
    static final int MIN_LENGTH = 8 + 14;
    private static final int FLAG_I = 0x08;

    private Vxlan() {
    }

    /** @return whether the readable bytes are long enough and carry a valid VNI */
    static boolean valid(ByteBuf packet) {
        return packet.readableBytes() >= MIN_LENGTH && (packet.getByte(packet.readerIndex()) & FLAG_I) != 0;
    }

    /** @return the VNI; bytes masked with 0xff so that 0x800000 is not negative */
    static int vni(ByteBuf packet) {
        int i = packet.readerIndex();
        return (packet.getByte(i + 4) & 0xff) << 16 | (packet.getByte(i + 5) & 0xff) << 8 | packet.getByte(i + 6) & 0xff;
    }
}
