package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.MigrationStep;

/** One timed step of a migration, as JMX shows it. */
public final class MigrationStepInfo {
    private final String name;
    private final double millis;
    private final String detail;

    /**
     * @param name prepare, dual-home, transfer, activate, settle, rollback or recover
     * @param millis how long it took
     * @param detail what it did or why it failed
     */
    @ConstructorParameters({"name", "millis", "detail"})
    public MigrationStepInfo(String name, double millis, String detail) {
        this.name = name;
        this.millis = millis;
        this.detail = detail;
    }

    static MigrationStepInfo of(MigrationStep s) {
        return new MigrationStepInfo(s.name(), s.millis(), s.detail());
    }

    /** @return the step's name */
    public String getName() { return name; }
    /** @return how long it took, in milliseconds */
    public double getMillis() { return millis; }
    /** @return what it did or why it failed */
    public String getDetail() { return detail; }
}
