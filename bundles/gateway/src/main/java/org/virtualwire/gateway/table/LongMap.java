package org.virtualwire.gateway.table;

import java.util.Arrays;

/**
 * An immutable open-addressing map from non-negative longs to objects: a lookup is a few array reads, with no
 * boxing and no allocation, which is what the per-packet path needs. Built once by {@link Builder}.
 *
 * @param <V> the values
 */
final class LongMap<V> {

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final Object[] values;
    private final int mask;
    private final int size;

    private LongMap(long[] keys, Object[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.size = size;
    }

    /** @return the value of {@code key}, or null */
    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == EMPTY) {
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    /** Collects entries; later puts of a key replace earlier ones. */
    static final class Builder<V> {
        private final java.util.Map<Long, V> entries = new java.util.LinkedHashMap<>();

        Builder<V> put(long key, V value) {
            if (key < 0) {
                throw new IllegalArgumentException("negative key " + key);
            }
            entries.put(key, value);
            return this;
        }

        LongMap<V> build() {
            int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1)) * 2; // load factor <= 1/2
            long[] keys = new long[capacity];
            Object[] values = new Object[capacity];
            Arrays.fill(keys, EMPTY);
            int mask = capacity - 1;
            entries.forEach((k, v) -> {
                int i = slot(k, mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = v;
            });
            return new LongMap<>(keys, values, entries.size());
        }
    }
}
