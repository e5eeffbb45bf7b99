package org.virtualwire.gateway.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;

import org.virtualwire.api.gateway.GatewayDrop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Unwraps tunnel packets from a peer gateway: checks the header, the replay window, decrypts and authenticates,
 * and only then marks the sequence number as seen. Holds its own {@link Cipher}s and arrays (see {@link Sealer}
 * for why arrays): one Opener per thread. After a null result, {@link #failure()} says why.
 *
 * <p>The replay window is checked before the tag (as RFC 4303, 3.4.3 orders it), so a flood of recorded packets
 * costs no AEAD work; a packet whose sequence number was tampered with to lie below the window is therefore
 * counted as {@link GatewayDrop#REPLAY}, not {@link GatewayDrop#AUTH_FAILED}: it cannot be told from a recorded
 * one without decrypting it. Either way it is dropped.
 */
public final class Opener {

    private final Cipher[] ciphers = new Cipher[3];
    private final byte[] nonce = new byte[TunnelHeader.NONCE_LENGTH];
    private final CipherBuffers buffers = new CipherBuffers();
    private GatewayDrop failure;

    /**
     * @param link the sender's link, or null if no key is configured for it
     * @param acceptPlain whether plain packets from this sender are allowed
     * @param packet the tunnel packet (UDP payload) from its reader index; not released, indexes unchanged
     * @param alloc where the opened packet's buffer comes from
     * @return the VXLAN packet inside, which the caller owns (a slice of {@code packet}, retained, for plain
     *     packets), or null when the packet must be dropped
     */
    public ByteBuf open(PeerLink link, boolean acceptPlain, ByteBuf packet, ByteBufAllocator alloc) {
        int start = packet.readerIndex();
        int length = packet.readableBytes();
        CipherSuite suite = length < TunnelHeader.LENGTH ? null : TunnelHeader.suite(packet, start);
        if (suite == null) {
            return fail(GatewayDrop.MALFORMED);
        }
        if (!suite.sealed()) {
            return acceptPlain ? packet.retainedSlice(start + TunnelHeader.LENGTH, length - TunnelHeader.LENGTH)
                    : fail(GatewayDrop.AUTH_FAILED);
        }
        if (length < TunnelHeader.LENGTH + CipherSuite.TAG_LENGTH) {
            return fail(GatewayDrop.MALFORMED);
        }
        InboundKey key = link == null ? null : link.inbound(TunnelHeader.keyId(packet, start));
        if (key == null) {
            return fail(GatewayDrop.AUTH_FAILED);
        }
        long sequence = TunnelHeader.sequence(packet, start);
        if (!key.window.mayAccept(sequence)) {
            return fail(GatewayDrop.REPLAY);
        }
        ByteBuf out = decrypt(suite, key, packet, start, length, alloc);
        if (out != null && !key.window.accept(sequence)) {
            out.release();
            return fail(GatewayDrop.REPLAY);
        }
        return out;
    }

    private ByteBuf decrypt(CipherSuite suite, InboundKey key, ByteBuf packet, int start, int length,
            ByteBufAllocator alloc) {
        int sealedLength = length - TunnelHeader.LENGTH;
        byte[] in = buffers.in(length);
        packet.getBytes(start, in, 0, length);
        System.arraycopy(in, TunnelHeader.NONCE_OFFSET, nonce, 0, TunnelHeader.NONCE_LENGTH);
        int opened;
        byte[] plain = buffers.out(sealedLength);
        try {
            Cipher cipher = cipher(suite);
            cipher.init(Cipher.DECRYPT_MODE, key.key(suite), suite.parameters(nonce));
            cipher.updateAAD(in, 0, TunnelHeader.LENGTH);
            opened = cipher.doFinal(in, TunnelHeader.LENGTH, sealedLength, plain, 0);
        } catch (GeneralSecurityException e) { // AEADBadTagException above all
            return fail(GatewayDrop.AUTH_FAILED);
        }
        return alloc.directBuffer(opened).writeBytes(plain, 0, opened);
    }

    /** @return why the last {@link #open} returned null */
    public GatewayDrop failure() {
        return failure;
    }

    private ByteBuf fail(GatewayDrop reason) {
        failure = reason;
        return null;
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
