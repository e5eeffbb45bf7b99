package org.virtualwire.jmx;

import java.util.List;

import javax.management.ConstructorParameters;

import org.virtualwire.api.MigrationRecord;

/** A migration as JMX shows it (one CompositeData, one JSON object through Jolokia). */
public final class MigrationInfo {
    private final long id;
    private final String guest;
    private final String from;
    private final String to;
    private final String started;
    private final String outcome;
    private final double totalMillis;
    private final double pauseMillis;
    private final String error;
    private final List<MigrationStepInfo> steps;
    private final ProbeInfo probe;

    /**
     * @param id its number, in order of start
     * @param guest the guest
     * @param from where it ran
     * @param to where it was sent
     * @param started when, ISO-8601
     * @param outcome RUNNING, SUCCEEDED, ROLLED_BACK or FAILED
     * @param totalMillis the whole migration
     * @param pauseMillis the guest's pause as its driver measured it, or -1
     * @param error why it failed, or empty
     * @param steps its steps, in order
     * @param probe what a probe saw during it, or null (not probed, or its probe not ended yet)
     */
    @ConstructorParameters({"id", "guest", "from", "to", "started", "outcome", "totalMillis", "pauseMillis", "error", "steps",
        "probe"})
    public MigrationInfo(long id, String guest, String from, String to, String started, String outcome, double totalMillis,
            double pauseMillis, String error, List<MigrationStepInfo> steps, ProbeInfo probe) {
        this.id = id;
        this.guest = guest;
        this.from = from;
        this.to = to;
        this.started = started;
        this.outcome = outcome;
        this.totalMillis = totalMillis;
        this.pauseMillis = pauseMillis;
        this.error = error;
        this.steps = List.copyOf(steps);
        this.probe = probe;
    }

    static MigrationInfo of(MigrationRecord r) {
        return new MigrationInfo(r.id(), r.guest().name(), r.from().name(), r.to().name(), r.started().toString(),
                r.outcome().name(), r.totalMillis(), r.pauseMillis(), r.error(),
                r.steps().stream().map(MigrationStepInfo::of).toList(), r.probe() == null ? null : ProbeInfo.of(r.probe()));
    }

    /** @return its number */
    public long getId() { return id; }
    /** @return the guest */
    public String getGuest() { return guest; }
    /** @return where it ran */
    public String getFrom() { return from; }
    /** @return where it was sent */
    public String getTo() { return to; }
    /** @return when it started, ISO-8601 */
    public String getStarted() { return started; }
    /** @return RUNNING, SUCCEEDED, ROLLED_BACK or FAILED */
    public String getOutcome() { return outcome; }
    /** @return the whole migration, in milliseconds */
    public double getTotalMillis() { return totalMillis; }
    /** @return the guest's pause in milliseconds, or -1 if unknown */
    public double getPauseMillis() { return pauseMillis; }
    /** @return why it failed, or empty */
    public String getError() { return error; }
    /** @return its steps, in order */
    public List<MigrationStepInfo> getSteps() { return steps; }
    /** @return what a probe saw during it (longest gap, lost of sent), or null if it ran without one */
    public ProbeInfo getProbe() { return probe; }
}
