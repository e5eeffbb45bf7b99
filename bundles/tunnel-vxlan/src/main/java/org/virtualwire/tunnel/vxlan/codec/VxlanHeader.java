package org.virtualwire.tunnel.vxlan.codec;

import io.netty.buffer.ByteBuf;

/**
 * The 8-byte VXLAN header of RFC 7348, section 5: flags (only the I bit, 0x08, is defined), 24 reserved bits,
 * the 24-bit VXLAN Network Identifier (VNI) and 8 more reserved bits. The one VXLAN parser of the project: the
 * codec and the gateway's relay (whose bundle embeds this package; on its hot path, on socket and AF_XDP frames
 * alike) read headers here, with absolute reads that neither copy nor move the buffer's indexes.
 */
public final class VxlanHeader {

    /** Header length in bytes. */
    public static final int LENGTH = 8;
    /** The I flag: set means the VNI is valid; RFC 7348 requires it. */
    public static final int FLAG_I = 0x08;
    /** IANA-assigned UDP destination port. */
    public static final int PORT = 4789;
    /** Largest VNI that fits in 24 bits. */
    public static final int MAX_VNI = 0xFFFFFF;
    /** Destination MAC, source MAC and ethertype: the shortest inner frame worth relaying. */
    public static final int MIN_INNER_FRAME = 14;

    private VxlanHeader() {
    }

    /**
     * Whether the readable bytes hold a header and the shortest inner frame worth relaying, and the header
     * carries a valid VNI (I flag). Reads only; the reader index stays.
     *
     * @param packet a VXLAN packet (UDP payload) from its reader index on
     * @return whether it can be relayed by its {@link #vni(ByteBuf, int) VNI}
     */
    public static boolean valid(ByteBuf packet) {
        return packet.readableBytes() >= LENGTH + MIN_INNER_FRAME && hasVni(packet, packet.readerIndex());
    }

    /**
     * Whether the header starting at {@code index} carries the I flag; other flag bits are ignored on receipt.
     *
     * @param buf a buffer holding a header
     * @param index where the header starts
     * @return whether its VNI is valid
     */
    public static boolean hasVni(ByteBuf buf, int index) {
        return (buf.getByte(index) & FLAG_I) != 0;
    }

    /**
     * Reads the VNI of the header starting at {@code index}. Each byte is masked with 0xff because Java bytes
     * are signed: without the mask a VNI of 0x800000 would come out negative.
     *
     * @param buf a buffer holding a header
     * @param index where the header starts
     * @return the VNI, 0..{@link #MAX_VNI}
     */
    public static int vni(ByteBuf buf, int index) {
        return (buf.getByte(index + 4) & 0xff) << 16
                | (buf.getByte(index + 5) & 0xff) << 8
                | buf.getByte(index + 6) & 0xff;
    }

    /** Writes a header with only the I flag set and all reserved fields zero, as RFC 7348 asks of senders. */
    static ByteBuf write(ByteBuf buf, int vni) {
        return buf.writeByte(FLAG_I).writeMedium(0).writeMedium(vni).writeByte(0);
    }

    /** Throws unless {@code vni} fits in 24 bits. */
    static int checkVni(int vni) {
        if (vni < 0 || vni > MAX_VNI) {
            throw new IllegalArgumentException("vni " + vni + " is outside 0.." + MAX_VNI);
        }
        return vni;
    }
}
