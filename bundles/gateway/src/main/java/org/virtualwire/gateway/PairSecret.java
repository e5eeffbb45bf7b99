package org.virtualwire.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the appliance's gateways derive each pair's key from: HMAC-SHA256(secret, the two public
 * addresses in order), the same at both ends of a pair and different for every pair. Configured, or made once
 * from the JDK's SecureRandom and kept (owner-only) in the data directory.
 */
final class PairSecret {
    private final byte[] secret;

    private PairSecret(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("pair.secret: at least 32 bytes are needed");
        }
        this.secret = secret.clone();
    }

    /**
     * @param configured base64, or empty to use (or make) the kept one
     * @param kept where the made one is kept
     */
    static PairSecret of(String configured, Path kept) throws IOException {
        if (configured != null && !configured.isBlank()) {
            try {
                return new PairSecret(Base64.getDecoder().decode(configured.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pair.secret: not base64 of 32 bytes or more");
            }
        }
        if (!Files.exists(kept)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(kept.getParent());
            Path tmp = kept.resolveSibling(kept.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            Files.move(tmp, kept, StandardCopyOption.ATOMIC_MOVE);
        }
        return new PairSecret(Base64.getDecoder().decode(Files.readString(kept, StandardCharsets.US_ASCII).trim()));
    }

    /** @return the key of the pair of gateways with these public addresses, in {@code id:base64} form */
    String pairKey(String a, String b) {
        String pair = a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] key = mac.doFinal(("virtualwire pair " + pair).getBytes(StandardCharsets.US_ASCII));
            return "1:" + Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
