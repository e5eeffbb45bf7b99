package org.virtualwire.gateway.crypto;

import io.netty.buffer.ByteBuf;

/**
 * The 16-byte header in front of every gateway-to-gateway packet, all fields big-endian:
 * <pre>
 *  0       1       2               4                               8
 *  +-------+-------+---------------+-------------------------------+
 *  |version| suite |    key id     |         sender epoch          |
 *  +-------+-------+---------------+-------------------------------+
 *  |                      sequence number (64)                     |
 *  +---------------------------------------------------------------+
 * </pre>
 * then the original VXLAN packet (UDP payload), encrypted for the AEAD suites and followed by a 16-byte tag.
 * The AEAD nonce is bytes 4..15 (epoch and sequence), the whole header is the associated data. The epoch is
 * random per gateway start and the sequence starts at the start time in milliseconds times 2^20, so neither a
 * restart nor a clock set back repeats a nonce, and a receiver's replay window rejects packets of earlier runs.
 */
public final class TunnelHeader {

    /** Header length in bytes. */
    public static final int LENGTH = 16;
    /** The only version this gateway speaks. */
    public static final int VERSION = 1;
    /** Offset of the 12-byte nonce inside the header. */
    public static final int NONCE_OFFSET = 4;
    /** Nonce length in bytes. */
    public static final int NONCE_LENGTH = 12;

    private TunnelHeader() {
    }

    /** Writes a header at the buffer's writer index. */
    static void write(ByteBuf out, CipherSuite suite, int keyId, int epoch, long sequence) {
        out.writeByte(VERSION).writeByte(suite.id()).writeShort(keyId).writeInt(epoch).writeLong(sequence);
    }

    /** @return the header's suite, or null when the version or suite is not one this gateway knows */
    static CipherSuite suite(ByteBuf in, int start) {
        return in.getUnsignedByte(start) == VERSION ? CipherSuite.byId(in.getUnsignedByte(start + 1)) : null;
    }

    static int keyId(ByteBuf in, int start) {
        return in.getUnsignedShort(start + 2);
    }

    static long sequence(ByteBuf in, int start) {
        return in.getLong(start + 8);
    }

    /**
     * Writes a plain tunnel header (suite {@link CipherSuite#PLAIN}); the caller appends the VXLAN packet.
     *
     * @param out the buffer
     */
    public static void writePlain(ByteBuf out) {
        write(out, CipherSuite.PLAIN, 0, 0, 0);
    }
}
