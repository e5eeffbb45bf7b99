package org.virtualwire.api;

/**
 * One timed step of a migration.
 *
 * @param name prepare, dual-home, transfer, activate, settle, or rollback
 * @param millis how long it took
 * @param detail what it did or why it failed, or empty
 */
public record MigrationStep(String name, double millis, String detail) {
}
