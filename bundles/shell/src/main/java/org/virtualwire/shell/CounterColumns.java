package org.virtualwire.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.EndCounters;

/**
 * How wire counters look in tables and JSON, shared by {@code wire-list --counters} and {@code wire-counters}.
 * Filtered: frames with the wire's id from an underlay address that is not its far end, dropped at the host.
 */
final class CounterColumns {
    /** Headers of {@link #cells}. */
    static final List<String> HEADERS =
            List.of("Tx Packets", "Tx Bytes", "Rx Packets", "Rx Bytes", "Drops", "Filtered");

    private CounterColumns() {
    }

    static List<Object> cells(EndCounters c) {
        return List.of(c.sentPackets(), c.sentBytes(), c.receivedPackets(), c.receivedBytes(), c.drops(), c.filtered());
    }

    static Map<String, Object> json(EndCounters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sentPackets", c.sentPackets());
        m.put("sentBytes", c.sentBytes());
        m.put("receivedPackets", c.receivedPackets());
        m.put("receivedBytes", c.receivedBytes());
        m.put("drops", c.drops());
        m.put("filtered", c.filtered());
        return m;
    }
}
