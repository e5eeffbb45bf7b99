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
            PairKey key = parseKey(property, item.trim());
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException(property + ": key id " + key.id() + " is listed twice");
            }
            list.add(key);
        }
        return List.copyOf(list);
    }

    /** Parses one {@code <id>:<base64>}; no message ever quotes the text, which holds a secret. */
    private static PairKey parseKey(String property, String item) {
        int colon = item.indexOf(':');
        String id = colon < 0 ? "" : item.substring(0, colon).trim();
        if (id.isEmpty() || id.length() > 5 || !id.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(property + ": expected <id>:<base64 key>[,...], the id a number");
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(item.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": key " + id + " is not base64");
        }
        try {
            return new PairKey(Integer.parseInt(id), secret);
        } catch (IllegalArgumentException e) { // PairKey's own messages name the id and the length only
            throw new IllegalArgumentException(property + ": " + e.getMessage());
        }
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
