package org.virtualwire.api;

/**
 * A migration and what its probe saw meanwhile.
 *
 * @param migration the record of the migration
 * @param probe what the probe saw
 */
public record ProbedMigration(MigrationRecord migration, ProbeResult probe) {
}
