package org.virtualwire.gateway.crypto;

import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.spec.SecretKeySpec;

/** What this gateway seals packets to one peer with: suite, key, epoch and the next sequence number. */
final class Outbound {

    final CipherSuite suite;
    final int keyId;
    final SecretKeySpec key;
    final int epoch;
    private final AtomicLong sequence;

    Outbound(CipherSuite suite, int keyId, byte[] key, int epoch, long firstSequence) {
        this.suite = suite;
        this.keyId = keyId;
        this.key = new SecretKeySpec(key, suite == CipherSuite.AES_GCM ? "AES" : "ChaCha20");
        this.epoch = epoch;
        this.sequence = new AtomicLong(firstSequence);
    }

    long nextSequence() {
        return sequence.getAndIncrement();
    }
}
