package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.ProbeResult;

/** What a probe saw, as JMX shows it. */
public final class ProbeInfo {
    private final String from;
    private final String target;
    private final long sent;
    private final long received;
    private final long lost;
    private final long duplicates;
    private final long reordered;
    private final double longestGapMillis;

    /**
     * @param from the endpoint that probed
     * @param target the address probed
     * @param sent packets sent
     * @param received distinct packets answered
     * @param lost packets never answered
     * @param duplicates answers received more than once
     * @param reordered answers that arrived after a later one
     * @param longestGapMillis the longest time without an answer
     */
    @ConstructorParameters({"from", "target", "sent", "received", "lost", "duplicates", "reordered", "longestGapMillis"})
    public ProbeInfo(String from, String target, long sent, long received, long lost, long duplicates, long reordered,
            double longestGapMillis) {
        this.from = from;
        this.target = target;
        this.sent = sent;
        this.received = received;
        this.lost = lost;
        this.duplicates = duplicates;
        this.reordered = reordered;
        this.longestGapMillis = longestGapMillis;
    }

    static ProbeInfo of(ProbeResult p) {
        return new ProbeInfo(p.from().toString(), p.target(), p.sent(), p.received(), p.lost(), p.duplicates(),
                p.reordered(), p.longestGapMillis());
    }

    /** @return the endpoint that probed */
    public String getFrom() { return from; }
    /** @return the address probed */
    public String getTarget() { return target; }
    /** @return packets sent */
    public long getSent() { return sent; }
    /** @return distinct packets answered */
    public long getReceived() { return received; }
    /** @return packets never answered */
    public long getLost() { return lost; }
    /** @return answers received more than once */
    public long getDuplicates() { return duplicates; }
    /** @return answers that arrived after a later one */
    public long getReordered() { return reordered; }
    /** @return the longest time without an answer, in milliseconds */
    public double getLongestGapMillis() { return longestGapMillis; }
}
