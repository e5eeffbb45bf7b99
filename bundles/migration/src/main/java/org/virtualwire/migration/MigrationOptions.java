package org.virtualwire.migration;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.virtualwire.api.VirtualWireException;

/** The options a user may give a migration: hypervisor settings the driver's transfer receives. */
final class MigrationOptions {
    /** Longest pause the hypervisor may take, in milliseconds. */
    static final String DOWNTIME_LIMIT_MS = "downtime-limit-ms";
    /** Bandwidth the hypervisor may use, in bytes per second. */
    static final String MAX_BANDWIDTH = "max-bandwidth";
    private static final Set<String> KNOWN = Set.of(DOWNTIME_LIMIT_MS, MAX_BANDWIDTH);

    private MigrationOptions() {
    }

    /**
     * @param options what the user gave, or null
     * @return the same options, checked
     * @throws VirtualWireException naming an unknown option or a value that is not a positive whole number
     */
    static Map<String, String> check(Map<String, String> options) {
        Map<String, String> checked = new TreeMap<>();
        if (options == null) {
            return checked;
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                throw new VirtualWireException(e.getKey(), "unknown migration option '" + e.getKey() + "': use "
                        + DOWNTIME_LIMIT_MS + " or " + MAX_BANDWIDTH);
            }
            String value = e.getValue() == null ? "" : e.getValue().trim();
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException x) {
                n = -1;
            }
            if (n <= 0) {
                throw new VirtualWireException(e.getKey(), "migration option " + e.getKey() + " must be a whole number above 0, not '"
                        + e.getValue() + "'");
            }
            checked.put(e.getKey(), value);
        }
        return checked;
    }
}
