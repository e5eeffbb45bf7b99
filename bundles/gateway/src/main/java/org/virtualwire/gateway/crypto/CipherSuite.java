package org.virtualwire.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** How a tunnel packet's payload is protected; the id travels in the tunnel header. */
public enum CipherSuite {
    /** No protection: only between gateways whose user turned encryption off. */
    PLAIN(0, null, "plain"),
    /** AES-256-GCM, 96-bit nonce, 128-bit tag. */
    AES_GCM(1, "AES/GCM/NoPadding", "AES-GCM"),
    /** ChaCha20-Poly1305 (RFC 8439), 96-bit nonce, 128-bit tag. */
    CHACHA20_POLY1305(2, "ChaCha20-Poly1305", "ChaCha20-Poly1305");

    /** Authentication tag length of both AEAD suites, bytes. */
    public static final int TAG_LENGTH = 16;

    private static final CipherSuite[] BY_ID = {PLAIN, AES_GCM, CHACHA20_POLY1305};

    private final int id;
    private final String transformation;
    private final String label;

    CipherSuite(int id, String transformation, String label) {
        this.id = id;
        this.transformation = transformation;
        this.label = label;
    }

    /** @return the id carried in the tunnel header */
    public int id() {
        return id;
    }

    /** @return the name used in configuration, e.g. {@code AES-GCM} */
    public String label() {
        return label;
    }

    /** @return whether this suite encrypts and authenticates */
    public boolean sealed() {
        return transformation != null;
    }

    /**
     * @param id a header's suite id
     * @return the suite, or null if unknown
     */
    public static CipherSuite byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * @param label a configured name ({@code AES-GCM}, {@code ChaCha20-Poly1305}; case does not matter)
     * @return the suite
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CipherSuite byLabel(String label) {
        for (CipherSuite s : values()) {
            if (s.sealed() && s.label.equalsIgnoreCase(label.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("cipher '" + label + "' is not AES-GCM or ChaCha20-Poly1305");
    }

    /** @return a new Cipher of this suite; callers keep it for their thread */
    Cipher newCipher() throws GeneralSecurityException {
        return Cipher.getInstance(transformation);
    }

    /**
     * Seals and opens one throwaway packet with a throwaway key, so that the relay's first real packet does not
     * wait for the JDK's provider lookup and class loading (about 40 ms in a fresh JVM). Plain does nothing.
     *
     * @throws IllegalStateException if the JDK cannot run this suite
     */
    public void warmUp() {
        if (!sealed()) {
            return;
        }
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], this == AES_GCM ? "AES" : "ChaCha20");
            byte[] nonce = new byte[12];
            Cipher seal = newCipher();
            seal.init(Cipher.ENCRYPT_MODE, key, parameters(nonce));
            Cipher open = newCipher();
            open.init(Cipher.DECRYPT_MODE, key, parameters(nonce));
            open.doFinal(seal.doFinal(new byte[64]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cipher " + label + " cannot run on this JDK: " + e.getMessage(), e);
        }
    }

    /** @return the suite's parameters for a 12-byte nonce */
    AlgorithmParameterSpec parameters(byte[] nonce) {
        return this == AES_GCM ? new GCMParameterSpec(TAG_LENGTH * 8, nonce) : new IvParameterSpec(nonce);
    }

    /** @return whether this JDK offers the suite */
    public boolean available() {
        if (!sealed()) {
            return true;
        }
        try {
            newCipher();
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
