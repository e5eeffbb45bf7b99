package org.virtualwire.gateway.crypto;

/**
 * One configured secret shared by this gateway and one peer. Never printed.
 *
 * @param id the key id carried in tunnel headers (0..65535), so that a pair can rotate keys
 * @param secret 16 to 64 random bytes
 */
public record PairKey(int id, byte[] secret) {

    /** Checks the id and the secret's length and keeps a copy of it. */
    public PairKey {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("key id " + id + " is outside 0..65535");
        }
        if (secret.length < 16 || secret.length > 64) {
            throw new IllegalArgumentException("key " + id + " has " + secret.length + " bytes, not 16..64 (use 32)");
        }
        secret = secret.clone();
    }

    @Override
    public String toString() {
        return "PairKey(" + id + ", " + secret.length + " bytes)";
    }
}
