package org.virtualwire.gateway.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtualwire.gateway.table.Ipv4;

/**
 * The pair keys of this gateway, by peer gateway, read from configuration properties of the form
 * <pre>
 *   key.198.19.0.2 = 1:BASE64-OF-32-RANDOM-BYTES[, 2:BASE64...]
 * </pre>
 * The first key listed for a peer seals what this gateway sends; every key listed opens what it receives, so a
 * pair rotates by listing the new key second on both sides, then first. {@link #toString()} shows no secret.
 */
public final class KeyRing {

    /** Property name prefix of a peer's keys. */
    public static final String PREFIX = "key.";

    private final Map<Long, List<PairKey>> keys;

    private KeyRing(Map<Long, List<PairKey>> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** A key ring without keys. */
    public static KeyRing empty() {
        return new KeyRing(Map.of());
    }

    /**
     * @param properties configuration properties; those not starting with {@link #PREFIX} are ignored
     * @return the keys they list
     * @throws IllegalArgumentException naming the property at fault (never its value)
     */
    public static KeyRing parse(Map<String, ?> properties) {
        Map<Long, List<PairKey>> keys = new HashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && value != null) {
                keys.put(Ipv4.parse(name.substring(PREFIX.length())), parseKeys(name, String.valueOf(value)));
            }
        });
        return new KeyRing(keys);
    }

    private static List<PairKey> parseKeys(String property, String value) {
        List<PairKey> list = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (String item : value.split(",")) {
            String[] idAndKey = item.trim().split(":", 2);
            try {
                PairKey key = new PairKey(Integer.parseInt(idAndKey[0].trim()),
                        Base64.getDecoder().decode(idAndKey[1].trim()));
                if (!ids.add(key.id())) {
                    throw new IllegalArgumentException("key id " + key.id() + " twice");
                }
                list.add(key);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(property + ": expected <id>:<base64 key>[,...] ("
                        + (e instanceof IllegalArgumentException && e.getMessage() != null
                                && !e.getMessage().contains("Illegal base64") ? e.getMessage() : "bad format") + ")");
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(property + " lists no key");
        }
        return List.copyOf(list);
    }

    /**
     * @param peer a peer gateway's public address
     * @return its keys, the sealing one first; empty if none are configured
     */
    public List<PairKey> keysOf(long peer) {
        return keys.getOrDefault(peer, List.of());
    }

    /** @return the peers that have keys */
    public Set<Long> peers() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "KeyRing(" + keys.size() + " peers)";
    }
}
