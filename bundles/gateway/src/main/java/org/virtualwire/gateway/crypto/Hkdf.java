package org.virtualwire.gateway.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the key of one direction of one gateway pair from the pair's shared key (HKDF-SHA256, RFC 5869), so
 * that the two directions, the two suites and every key id use distinct keys and their nonces never meet.
 */
final class Hkdf {

    private static final byte[] SALT = "virtualwire gateway tunnel v1".getBytes(StandardCharsets.US_ASCII);

    private Hkdf() {
    }

    /**
     * @param pairKey the secret both gateways of the pair are configured with
     * @param sender the sending gateway's public IPv4 address
     * @param receiver the receiving gateway's public IPv4 address
     * @param keyId the pair key's id
     * @param suite the suite the key is for
     * @return 32 bytes of key
     */
    static byte[] directionKey(byte[] pairKey, long sender, long receiver, int keyId, CipherSuite suite) {
        byte[] info = ByteBuffer.allocate(4 + 4 + 2 + 1 + 1).putInt((int) sender).putInt((int) receiver)
                .putShort((short) keyId).put((byte) suite.id()).put((byte) 1).array(); // last byte: HKDF counter
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] prk = mac.doFinal(pairKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            return mac.doFinal(info);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
