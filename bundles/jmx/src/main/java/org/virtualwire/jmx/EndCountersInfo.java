package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.EndCounters;

/** The kernel counters of one end of a wire. */
public final class EndCountersInfo {
    private final String endpoint;
    private final long sentPackets;
    private final long sentBytes;
    private final long receivedPackets;
    private final long receivedBytes;
    private final long drops;
    private final long filtered;

    /**
     * @param endpoint the end, guest/nic
     * @param sentPackets frames it sent into the wire
     * @param sentBytes their bytes
     * @param receivedPackets frames the wire delivered to it
     * @param receivedBytes their bytes
     * @param drops frames dropped at this end
     * @param filtered frames with this wire's id from an underlay address that is not the wire's far end, dropped
     */
    @ConstructorParameters({"endpoint", "sentPackets", "sentBytes", "receivedPackets", "receivedBytes", "drops",
        "filtered"})
    public EndCountersInfo(String endpoint, long sentPackets, long sentBytes, long receivedPackets, long receivedBytes,
            long drops, long filtered) {
        this.endpoint = endpoint;
        this.sentPackets = sentPackets;
        this.sentBytes = sentBytes;
        this.receivedPackets = receivedPackets;
        this.receivedBytes = receivedBytes;
        this.drops = drops;
        this.filtered = filtered;
    }

    static EndCountersInfo of(Object endpoint, EndCounters c) {
        return new EndCountersInfo(String.valueOf(endpoint), c.sentPackets(), c.sentBytes(), c.receivedPackets(),
                c.receivedBytes(), c.drops(), c.filtered());
    }

    /** @return the end, guest/nic */
    public String getEndpoint() { return endpoint; }
    /** @return frames sent into the wire */
    public long getSentPackets() { return sentPackets; }
    /** @return bytes sent into the wire */
    public long getSentBytes() { return sentBytes; }
    /** @return frames received from the wire */
    public long getReceivedPackets() { return receivedPackets; }
    /** @return bytes received from the wire */
    public long getReceivedBytes() { return receivedBytes; }
    /** @return frames dropped at this end */
    public long getDrops() { return drops; }
    /** @return frames from an underlay address that is not the wire's far end, dropped at this end's host */
    public long getFiltered() { return filtered; }
}
