package org.virtualwire.gateway.crypto;

import javax.crypto.spec.SecretKeySpec;

/** One key id a peer may seal with: its keys per suite and its replay window. */
final class InboundKey {

    final int keyId;
    private final SecretKeySpec aesGcm;
    private final SecretKeySpec chacha;
    final ReplayWindow window;

    InboundKey(int keyId, byte[] aesGcm, byte[] chacha, long floor) {
        this.keyId = keyId;
        this.aesGcm = new SecretKeySpec(aesGcm, "AES");
        this.chacha = new SecretKeySpec(chacha, "ChaCha20");
        this.window = new ReplayWindow(floor);
    }

    SecretKeySpec key(CipherSuite suite) {
        return suite == CipherSuite.AES_GCM ? aesGcm : chacha;
    }
}
