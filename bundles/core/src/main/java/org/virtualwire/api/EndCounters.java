package org.virtualwire.api;

/**
 * Traffic counters of one end of a wire, read from the kernel.
 *
 * @param sentPackets frames the endpoint sent into the wire
 * @param sentBytes their bytes
 * @param receivedPackets frames the wire delivered to the endpoint
 * @param receivedBytes their bytes
 * @param drops frames dropped at this end, both ways
 */
public record EndCounters(long sentPackets, long sentBytes, long receivedPackets, long receivedBytes, long drops) {
    /** No traffic (or not readable). */
    public static final EndCounters ZERO = new EndCounters(0, 0, 0, 0, 0);
}
