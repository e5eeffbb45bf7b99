/**
 * Live migration as Camel routes (private to this bundle; Camel 4 is embedded in it).
 *
 * <p>{@link org.virtualwire.migration.MigrationManager} checks a request ({@code MigrationRequest}, immutable)
 * before anything changes, then sends it through one Camel route, {@code migrate}, for every kind of guest: one
 * step bean per line (prepare, dual-home, transfer, activate, settle), whose results the exchange carries as
 * properties beside the migration's record. Each step is timed into the record and told to the caller as it ends.
 * A refusal at prepare (unknown host, guest already migrating) changed nothing and leaves the route as the
 * exception the controller threw. The route's {@code doTry/doCatch} compensates every later failure: before
 * activation {@code RollbackStep} brings the guest back if the driver had moved it and rolls the move back (the
 * guest runs at the source); after it, {@code UnfinishedMove} ends the migration as FAILED with what is left.
 *
 * <p>The history is kept in memory and in {@code ${karaf.data}/virtualwire/migrations.json}; at start,
 * {@code Recovery} finishes moves a crash left behind (rollback before activation, settle after).
 */
package org.virtualwire.migration;
