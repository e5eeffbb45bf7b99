package org.virtualwire.gateway.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.TrafficCounters;

/**
 * All counters of one gateway run: the gateway's own and one {@link Tally} per wire. A wire's tally is made
 * when a table first lists the wire and kept for the rest of the run, so counters survive table swaps.
 */
public final class GatewayCounters {

    private final Tally total = new Tally();
    private final Map<Integer, Tally> wires = new ConcurrentHashMap<>();

    /** @return the gateway's own tally */
    public Tally total() {
        return total;
    }

    /**
     * @param vni a wire's VNI
     * @return its tally, made if needed (called when tables are built, not per packet)
     */
    public Tally wire(int vni) {
        return wires.computeIfAbsent(vni, v -> new Tally());
    }

    /** Counts a drop in the gateway's tally and, if known, the wire's. */
    public void dropped(GatewayDrop reason, Tally wire) {
        total.dropped(reason);
        if (wire != null) {
            wire.dropped(reason);
        }
    }

    /** @return counters of the gateway */
    public TrafficCounters totalSnapshot() {
        return total.snapshot();
    }

    /** @return counters of each wire seen in a table, by wire */
    public Map<WireId, TrafficCounters> wireSnapshots() {
        Map<WireId, TrafficCounters> out = new TreeMap<>();
        wires.forEach((vni, tally) -> out.put(new WireId(vni), tally.snapshot()));
        return out;
    }
}
