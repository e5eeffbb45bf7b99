package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.TrafficCounters;

/** Packet, byte and drop counters of a gateway, or of one wire through it. */
public final class GatewayCountersInfo {
    private final int wire;
    private final long receivedPackets;
    private final long receivedBytes;
    private final long forwardedPackets;
    private final long forwardedBytes;
    private final long[] drops;

    /**
     * @param wire the wire's VNI, or -1 for the whole gateway
     * @param receivedPackets packets accepted
     * @param receivedBytes their bytes
     * @param forwardedPackets packets sent on, one per destination
     * @param forwardedBytes their bytes
     * @param unknownSender drops: sender not in the table
     * @param vniNotAllowed drops: sender may not use the wire
     * @param authFailed drops: tunnel packet not authentic
     * @param replay drops: tunnel packet seen before
     * @param malformed drops: not understood
     * @param noRoute drops: destination unusable
     * @param overflow drops: outgoing socket backed up
     */
    @ConstructorParameters({"wire", "receivedPackets", "receivedBytes", "forwardedPackets", "forwardedBytes",
        "unknownSender", "vniNotAllowed", "authFailed", "replay", "malformed", "noRoute", "overflow"})
    public GatewayCountersInfo(int wire, long receivedPackets, long receivedBytes, long forwardedPackets,
            long forwardedBytes, long unknownSender, long vniNotAllowed, long authFailed, long replay, long malformed,
            long noRoute, long overflow) {
        this.wire = wire;
        this.receivedPackets = receivedPackets;
        this.receivedBytes = receivedBytes;
        this.forwardedPackets = forwardedPackets;
        this.forwardedBytes = forwardedBytes;
        this.drops = new long[] {unknownSender, vniNotAllowed, authFailed, replay, malformed, noRoute, overflow};
    }

    static GatewayCountersInfo of(int wire, TrafficCounters c) {
        return new GatewayCountersInfo(wire, c.receivedPackets(), c.receivedBytes(), c.forwardedPackets(),
                c.forwardedBytes(), c.dropped(GatewayDrop.UNKNOWN_SENDER), c.dropped(GatewayDrop.VNI_NOT_ALLOWED),
                c.dropped(GatewayDrop.AUTH_FAILED), c.dropped(GatewayDrop.REPLAY), c.dropped(GatewayDrop.MALFORMED),
                c.dropped(GatewayDrop.NO_ROUTE), c.dropped(GatewayDrop.OVERFLOW));
    }

    /** @return the wire's VNI, -1 for the whole gateway */
    public int getWire() {
        return wire;
    }

    /** @return packets accepted */
    public long getReceivedPackets() {
        return receivedPackets;
    }

    /** @return bytes accepted */
    public long getReceivedBytes() {
        return receivedBytes;
    }

    /** @return packets sent on */
    public long getForwardedPackets() {
        return forwardedPackets;
    }

    /** @return bytes sent on */
    public long getForwardedBytes() {
        return forwardedBytes;
    }

    /** @return drops: unknown sender */
    public long getUnknownSender() {
        return drops[0];
    }

    /** @return drops: wire not allowed for the sender */
    public long getVniNotAllowed() {
        return drops[1];
    }

    /** @return drops: authentication failed */
    public long getAuthFailed() {
        return drops[2];
    }

    /** @return drops: replays */
    public long getReplay() {
        return drops[3];
    }

    /** @return drops: malformed */
    public long getMalformed() {
        return drops[4];
    }

    /** @return drops: no usable route */
    public long getNoRoute() {
        return drops[5];
    }

    /** @return drops: outgoing socket backed up */
    public long getOverflow() {
        return drops[6];
    }
}
