/**
 * Live migration as Camel routes (private to this bundle; Camel 4 is embedded in it).
 *
 * <p>{@link org.virtualwire.migration.MigrationManager} owns one CamelContext with a route per kind of guest
 * ({@code migrate-container}, {@code migrate-switch}, {@code migrate-router}, {@code migrate-vm}). A migration is
 * the exchange body ({@link org.virtualwire.migration.Migration}); each route calls one step bean per line:
 * prepare, dual-home, transfer, activate, settle. Each step is timed into the record and told to the caller as
 * it ends. A route-scoped {@code onException} compensates: before activation {@code RollbackStep} brings the
 * guest back if the driver had moved it and rolls the move back (the guest runs at the source); after it,
 * {@code UnfinishedMove} ends the migration as FAILED with what is left. A refusal at prepare (unknown host, guest
 * already migrating) changed nothing and reaches the caller as the controller threw it.
 *
 * <p>The history is kept in memory and in {@code ${karaf.data}/virtualwire/migrations.json}; at start,
 * {@code Recovery} finishes moves a crash left behind (rollback before activation, settle after).
 */
package org.virtualwire.migration;
