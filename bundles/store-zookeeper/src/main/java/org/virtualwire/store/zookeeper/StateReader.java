package org.virtualwire.store.zookeeper;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.virtualwire.spi.Topology;

/**
 * Builds the committed desired state out of the store's znodes (from the mirror or read directly): each entity as
 * the committed generation has it, tombstones and a commit still under way left out.
 */
final class StateReader {
    private StateReader() {
    }

    /**
     * @param znodes data by path relative to the root ({@code revision}, {@code wires/7}, ...)
     * @return the committed state, or empty while the znodes do not yet hold all of the committed generation
     */
    static Optional<Topology> read(Map<String, byte[]> znodes) {
        Revision rev = Revision.parse(znodes.get(ZooKeeperWireStore.REVISION));
        Map<Kind<?>, Map<Object, Object>> byKind = new HashMap<>();
        long seen = 0;
        for (Map.Entry<String, byte[]> e : znodes.entrySet()) {
            Kind<?> kind = kindOf(e.getKey());
            if (kind == null || e.getValue() == null || e.getValue().length == 0) {
                continue;
            }
            Entity entity = Entity.parse(e.getValue());
            if (entity.gen() == rev.gen()) {
                seen++;
            }
            Object value = kind.read(entity.visibleAt(rev.gen()));
            if (value != null) {
                byKind.computeIfAbsent(kind, k -> new HashMap<>()).put(Kind.id(e.getKey().substring(kind.folder.length() + 1)), value);
            }
        }
        // while a commit is under way it overwrites (and may remove tombstones of) the committed generation's
        // entities, each keeping what that generation had in prev: the count no longer applies then
        if (rev.pending() == 0 && seen < rev.count()) {
            return Optional.empty();
        }
        return Optional.of(new Topology(rev.revision(), map(byKind, Kind.CLOUDS, c -> c.id()), map(byKind, Kind.HOSTS, h -> h.id()),
                map(byKind, Kind.GUESTS, g -> g.id()), map(byKind, Kind.ENDPOINTS, e -> e.id()),
                map(byKind, Kind.WIRES, w -> w.id()), map(byKind, Kind.MOVES, m -> m.guest())));
    }

    /** @return the kind whose folder holds this path's entity, or null for anything else */
    static Kind<?> kindOf(String path) {
        for (Kind<?> kind : Kind.ALL) {
            if (path.startsWith(kind.folder + "/") && path.indexOf('/', kind.folder.length() + 1) < 0) {
                return kind;
            }
        }
        return null;
    }

    private static <K, V> Map<K, V> map(Map<Kind<?>, Map<Object, Object>> byKind, Kind<V> kind,
            java.util.function.Function<V, K> id) {
        Map<K, V> out = new HashMap<>();
        byKind.getOrDefault(kind, Map.of()).values().forEach(v -> out.put(id.apply(kind.cast(v)), kind.cast(v)));
        return out;
    }
}
