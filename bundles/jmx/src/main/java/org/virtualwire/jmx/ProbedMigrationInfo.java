package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.ProbedMigration;

/** A migration and what its probe saw meanwhile, as JMX shows them. */
public final class ProbedMigrationInfo {
    private final MigrationInfo migration;
    private final ProbeInfo probe;

    /**
     * @param migration the migration
     * @param probe what the probe saw
     */
    @ConstructorParameters({"migration", "probe"})
    public ProbedMigrationInfo(MigrationInfo migration, ProbeInfo probe) {
        this.migration = migration;
        this.probe = probe;
    }

    static ProbedMigrationInfo of(ProbedMigration p) {
        return new ProbedMigrationInfo(MigrationInfo.of(p.migration()), ProbeInfo.of(p.probe()));
    }

    /** @return the migration */
    public MigrationInfo getMigration() { return migration; }
    /** @return what the probe saw */
    public ProbeInfo getProbe() { return probe; }
}
