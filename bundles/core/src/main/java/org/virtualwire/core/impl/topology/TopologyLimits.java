package org.virtualwire.core.impl.topology;

import java.util.Map;

/**
 * How large a topology document may be: its size in bytes (a file's, or a text's in UTF-8) and its number of
 * items (clouds, hosts, guests, NICs and wires). Both bound the memory and time one apply can take, so that one
 * bad file cannot hold the appliance (a 50 MB file parsed for minutes, {@code /dev/zero} read until the heap ran
 * out). Set in {@code etc/org.virtualwire.core.cfg}.
 *
 * @param maxBytes largest document, in bytes
 * @param maxItems most items in one document
 */
record TopologyLimits(long maxBytes, int maxItems) {
    /** The configuration key of {@link #maxBytes}. */
    static final String MAX_BYTES = "topology.max.bytes";
    /** The configuration key of {@link #maxItems}. */
    static final String MAX_ITEMS = "topology.max.items";
    /** 4 MiB: about what 100,000 items take in block style (and about 5 s to parse on a loaded 2-core machine). */
    static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
    /** Far above any topology one host runs, far below what fills the heap. */
    static final int DEFAULT_MAX_ITEMS = 100_000;
    /** Where the limits are set, for messages. */
    static final String WHERE = "etc/org.virtualwire.core.cfg";
    /** The defaults. */
    static final TopologyLimits DEFAULT = new TopologyLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS);

    /** Checks the values. */
    TopologyLimits {
        // SnakeYAML counts code points in an int; a limit above that would not be one
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(MAX_BYTES + " must be 1 to " + (Integer.MAX_VALUE - 1) + ", not " + maxBytes);
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException(MAX_ITEMS + " must be at least 1, not " + maxItems);
        }
    }

    /**
     * @param config configuration properties (values as numbers or text); missing keys take the defaults
     * @return the limits they set
     * @throws IllegalArgumentException for a value that is no number or out of range
     */
    static TopologyLimits of(Map<String, ?> config) {
        return new TopologyLimits(number(config, MAX_BYTES, DEFAULT_MAX_BYTES),
                (int) Math.min(Integer.MAX_VALUE, number(config, MAX_ITEMS, DEFAULT_MAX_ITEMS)));
    }

    private static long number(Map<String, ?> config, String key, long fallback) {
        Object value = config == null ? null : config.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " in " + WHERE + " must be a number, not '" + value + "'");
        }
    }
}
