package org.virtualwire.jmx;

import java.util.Map;

import javax.management.ConstructorParameters;

/** A gateway's counters, or one wire's through it, as JMX shows them. */
public final class GatewayInfo {
    private final String gateway;
    private final String cloud;
    private final long revision;
    private final String receive;
    private final String wire;
    private final long receivedPackets;
    private final long receivedBytes;
    private final long forwardedPackets;
    private final long forwardedBytes;
    private final Map<String, Long> drops;

    /**
     * @param gateway the gateway host (or cloud, for a gateway machine)
     * @param cloud its cloud
     * @param revision revision of the desired state its table was built from
     * @param receive how datagrams come in: "sockets" or "AF_XDP on ..."
     * @param wire the wire (VNI), or empty for the gateway's totals
     * @param receivedPackets packets accepted
     * @param receivedBytes their bytes
     * @param forwardedPackets packets sent on (one per destination)
     * @param forwardedBytes their bytes
     * @param drops packets dropped, by reason (e.g. {@code auth-failed})
     */
    @ConstructorParameters({"gateway", "cloud", "revision", "receive", "wire", "receivedPackets", "receivedBytes",
            "forwardedPackets", "forwardedBytes", "drops"})
    public GatewayInfo(String gateway, String cloud, long revision, String receive, String wire, long receivedPackets,
            long receivedBytes, long forwardedPackets, long forwardedBytes, Map<String, Long> drops) {
        this.gateway = gateway;
        this.cloud = cloud;
        this.revision = revision;
        this.receive = receive;
        this.wire = wire;
        this.receivedPackets = receivedPackets;
        this.receivedBytes = receivedBytes;
        this.forwardedPackets = forwardedPackets;
        this.forwardedBytes = forwardedBytes;
        this.drops = Map.copyOf(drops);
    }

    /** @return the gateway */
    public String getGateway() { return gateway; }
    /** @return its cloud */
    public String getCloud() { return cloud; }
    /** @return the revision of its table */
    public long getRevision() { return revision; }
    /** @return how datagrams come in */
    public String getReceive() { return receive; }
    /** @return the wire, or empty for totals */
    public String getWire() { return wire; }
    /** @return packets accepted */
    public long getReceivedPackets() { return receivedPackets; }
    /** @return their bytes */
    public long getReceivedBytes() { return receivedBytes; }
    /** @return packets sent on */
    public long getForwardedPackets() { return forwardedPackets; }
    /** @return their bytes */
    public long getForwardedBytes() { return forwardedBytes; }
    /** @return drops by reason */
    public Map<String, Long> getDrops() { return drops; }
}
