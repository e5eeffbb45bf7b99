package org.virtualwire.jmx;

import java.beans.ConstructorProperties;

import org.virtualwire.api.cluster.AgentStatus;

/** A host's agent as JMX shows it. */
public final class AgentInfo {
    private final String host;
    private final String lastReport;
    private final long appliedRevision;
    private final long drift;
    private final String status;

    /**
     * @param host the host
     * @param lastReport when it last reported (ISO-8601), empty if unknown
     * @param appliedRevision the revision it last applied
     * @param drift how many revisions it is behind
     * @param status its status
     */
    @ConstructorProperties({"host", "lastReport", "appliedRevision", "drift", "status"})
    public AgentInfo(String host, String lastReport, long appliedRevision, long drift, String status) {
        this.host = host;
        this.lastReport = lastReport;
        this.appliedRevision = appliedRevision;
        this.drift = drift;
        this.status = status;
    }

    static AgentInfo of(AgentStatus a) {
        return new AgentInfo(a.host(), a.lastReport() == null ? "" : a.lastReport().toString(), a.appliedRevision(),
                a.drift(), a.status());
    }

    /** @return the host */
    public String getHost() {
        return host;
    }

    /** @return when it last reported, empty if unknown */
    public String getLastReport() {
        return lastReport;
    }

    /** @return the revision it last applied */
    public long getAppliedRevision() {
        return appliedRevision;
    }

    /** @return how many revisions it is behind */
    public long getDrift() {
        return drift;
    }

    /** @return its status */
    public String getStatus() {
        return status;
    }
}
