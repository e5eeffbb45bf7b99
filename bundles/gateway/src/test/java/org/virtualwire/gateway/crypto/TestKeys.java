package org.virtualwire.gateway.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Pair keys and links for tests. */
public final class TestKeys {

    private TestKeys() {
    }

    /** @return a fresh random 32-byte key, base64 */
    public static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    /** @return the link {@code self} uses toward {@code peer} with one pair key */
    public static PeerLink link(String key, long self, long peer, CipherSuite suite) {
        return link(key, 1, self, peer, suite);
    }

    /** @return the link {@code self} uses toward {@code peer} with one pair key of id {@code keyId} */
    public static PeerLink link(String key, int keyId, long self, long peer, CipherSuite suite) {
        return link(key, keyId, self, peer, suite, StartClock.now(300_000));
    }

    /** @return the same, as a gateway that started at {@code clock} */
    public static PeerLink link(String key, int keyId, long self, long peer, CipherSuite suite, StartClock clock) {
        List<PairKey> keys = KeyRing.parse(Map.of("key.1.2.3.4", keyId + ":" + key)).keysOf(0x01020304L);
        return PeerLink.create(keys, self, peer, suite, clock, new SecureRandom());
    }
}
