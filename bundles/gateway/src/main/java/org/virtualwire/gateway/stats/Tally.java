package org.virtualwire.gateway.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Map;

import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.TrafficCounters;

/**
 * Packet, byte and drop counters of the gateway or of one wire. Written by the relay's one event-loop thread
 * only (plain adds with opaque stores: no lock, no atomic read-modify-write per packet), read from any thread.
 */
public final class Tally {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int RX_PACKETS = 0;
    private static final int RX_BYTES = 1;
    private static final int TX_PACKETS = 2;
    private static final int TX_BYTES = 3;
    private static final int DROPS = 4;
    private static final GatewayDrop[] REASONS = GatewayDrop.values();

    private final long[] slots = new long[DROPS + REASONS.length];

    /** Counts one packet accepted, of {@code bytes} UDP payload bytes. */
    public void received(int bytes) {
        add(RX_PACKETS, 1);
        add(RX_BYTES, bytes);
    }

    /** Counts one packet sent to one destination. */
    public void forwarded(int bytes) {
        add(TX_PACKETS, 1);
        add(TX_BYTES, bytes);
    }

    /** Counts one packet dropped. */
    public void dropped(GatewayDrop reason) {
        add(DROPS + reason.ordinal(), 1);
    }

    private void add(int slot, long delta) {
        SLOT.setOpaque(slots, slot, (long) SLOT.getOpaque(slots, slot) + delta);
    }

    private long read(int slot) {
        return (long) SLOT.getOpaque(slots, slot);
    }

    /** @return the counters now */
    public TrafficCounters snapshot() {
        Map<GatewayDrop, Long> drops = new EnumMap<>(GatewayDrop.class);
        for (GatewayDrop d : REASONS) {
            drops.put(d, read(DROPS + d.ordinal()));
        }
        return new TrafficCounters(read(RX_PACKETS), read(RX_BYTES), read(TX_PACKETS), read(TX_BYTES), drops);
    }
}
