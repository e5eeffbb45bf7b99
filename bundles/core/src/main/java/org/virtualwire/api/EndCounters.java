package org.virtualwire.api;

/**
 * Traffic counters of one end of a wire, read from the kernel.
 *
 * @param sentPackets frames the endpoint sent into the wire
 * @param sentBytes their bytes
 * @param receivedPackets frames the wire delivered to the endpoint
 * @param receivedBytes their bytes
 * @param drops frames dropped at this end, both ways
 * @param filtered frames with this wire's id that reached this end's host from an underlay address that is not
 *     the wire's far end (another machine on the underlay), dropped before the wire
 */
public record EndCounters(long sentPackets, long sentBytes, long receivedPackets, long receivedBytes, long drops,
        long filtered) {
    /** No traffic (or not readable). */
    public static final EndCounters ZERO = new EndCounters(0, 0, 0, 0, 0, 0);

    /**
     * Counters of a device, nothing filtered (yet).
     *
     * @param sentPackets frames the endpoint sent into the wire
     * @param sentBytes their bytes
     * @param receivedPackets frames the wire delivered to the endpoint
     * @param receivedBytes their bytes
     * @param drops frames dropped at this end, both ways
     */
    public EndCounters(long sentPackets, long sentBytes, long receivedPackets, long receivedBytes, long drops) {
        this(sentPackets, sentBytes, receivedPackets, receivedBytes, drops, 0);
    }

    /**
     * @param frames frames the underlay filter dropped for this end
     * @return these counters with that count
     */
    public EndCounters withFiltered(long frames) {
        return new EndCounters(sentPackets, sentBytes, receivedPackets, receivedBytes, drops, frames);
    }
}
