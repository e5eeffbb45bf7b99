package org.virtualwire.api.gateway;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of a gateway, or of one wire through it, since the gateway started.
 *
 * @param receivedPackets packets accepted (sender known, wire allowed, authenticated)
 * @param receivedBytes their UDP payload bytes
 * @param forwardedPackets packets sent on, one per destination (a dual-homed frame counts twice)
 * @param forwardedBytes their UDP payload bytes
 * @param drops packets thrown away, by reason; every reason present, zero or not
 */
public record TrafficCounters(long receivedPackets, long receivedBytes, long forwardedPackets, long forwardedBytes,
        Map<GatewayDrop, Long> drops) {

    /** Fills in missing reasons with zero and freezes the map. */
    public TrafficCounters {
        EnumMap<GatewayDrop, Long> all = new EnumMap<>(GatewayDrop.class);
        for (GatewayDrop d : GatewayDrop.values()) {
            all.put(d, drops == null ? 0L : drops.getOrDefault(d, 0L));
        }
        drops = Map.copyOf(all);
    }

    /**
     * @param reason a reason
     * @return packets dropped for it
     */
    public long dropped(GatewayDrop reason) {
        return drops.get(reason);
    }

    /** @return packets dropped for any reason */
    public long droppedTotal() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }
}
