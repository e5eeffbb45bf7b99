package org.virtualwire.gateway.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Wraps VXLAN packets for a peer gateway: tunnel header, then the packet encrypted and authenticated with the
 * link's key, nonce from epoch and sequence, header as associated data. Holds its own {@link Cipher}s, so each
 * thread that seals needs its own Sealer; ciphers are re-initialised per packet, never re-created. The JDK's
 * AEADs run faster on byte arrays than on direct buffers (AES-GCM, 1400 bytes: 0.77 against 1.28 us here), so
 * the packet goes through two reused arrays: two memory copies cost less than the difference.
 */
public final class Sealer {

    private final Cipher[] ciphers = new Cipher[3];
    private final byte[] nonce = new byte[TunnelHeader.NONCE_LENGTH];
    private final byte[] header = new byte[TunnelHeader.LENGTH];
    private final CipherBuffers buffers = new CipherBuffers();

    /**
     * @param vxlan a VXLAN packet's length
     * @return the length of its sealed tunnel packet
     */
    public static int sealedLength(int vxlan) {
        return TunnelHeader.LENGTH + vxlan + CipherSuite.TAG_LENGTH;
    }

    /**
     * Writes the sealed tunnel packet of {@code vxlan} at {@code out}'s writer index, exactly
     * {@link #sealedLength} bytes.
     *
     * @param link the peer's link
     * @param vxlan the VXLAN packet, from its reader index; not released, indexes unchanged
     * @param out where the sealed packet goes; needs that much room
     * @throws GeneralSecurityException if the JDK refuses (it should not: the keys were checked at start);
     *     {@code out} is then unchanged
     */
    public void seal(PeerLink link, ByteBuf vxlan, ByteBuf out) throws GeneralSecurityException {
        Outbound o = link.outbound();
        int length = vxlan.readableBytes();
        int start = out.writerIndex();
        try {
            TunnelHeader.write(out, o.suite, o.keyId, o.epoch, o.nextSequence());
            out.getBytes(start, header);
            System.arraycopy(header, TunnelHeader.NONCE_OFFSET, nonce, 0, TunnelHeader.NONCE_LENGTH);
            Cipher cipher = cipher(o.suite);
            cipher.init(Cipher.ENCRYPT_MODE, o.key, o.suite.parameters(nonce));
            cipher.updateAAD(header);
            vxlan.getBytes(vxlan.readerIndex(), buffers.in(length), 0, length);
            byte[] sealed = buffers.out(length + CipherSuite.TAG_LENGTH);
            int written = cipher.doFinal(buffers.in(length), 0, length, sealed, 0);
            out.writeBytes(sealed, 0, written);
        } catch (GeneralSecurityException | RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /**
     * Seals into a new buffer.
     *
     * @param link the peer's link
     * @param vxlan the VXLAN packet, from its reader index; not released, indexes unchanged
     * @param alloc where the sealed packet's buffer comes from
     * @return the sealed packet, a new buffer the caller owns
     * @throws GeneralSecurityException if the JDK refuses
     */
    public ByteBuf seal(PeerLink link, ByteBuf vxlan, ByteBufAllocator alloc) throws GeneralSecurityException {
        ByteBuf out = alloc.directBuffer(sealedLength(vxlan.readableBytes()));
        try {
            seal(link, vxlan, out);
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private Cipher cipher(CipherSuite suite) throws GeneralSecurityException {
        Cipher c = ciphers[suite.id()];
        if (c == null) {
            c = suite.newCipher();
            ciphers[suite.id()] = c;
        }
        return c;
    }
}
