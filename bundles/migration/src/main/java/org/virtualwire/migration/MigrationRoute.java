package org.virtualwire.migration;

import org.apache.camel.builder.RouteBuilder;

/**
 * The migration workflow, one line per step, for every kind of guest (the driver's transfer does what differs:
 * moving NICs or live-migrating a VM). The exchange's body is the {@link MigrationRequest}, which no step
 * changes; the steps' results travel as exchange properties, and the record as {@link #RECORD}.
 *
 * <p>A refusal at prepare changed nothing: it leaves the route as an exception, for the caller. Any failure
 * after it is compensated in the route: before activation the guest goes back to the source
 * ({@link RollbackStep}), after it there is no way back and only what is left is told ({@link UnfinishedMove}).
 */
final class MigrationRoute extends RouteBuilder {
    static final String ROUTE_ID = "migrate";
    static final String ENDPOINT = "direct:" + ROUTE_ID;
    /** Exchange property: the {@link Migration} record, which each step adds to. */
    static final String RECORD = "virtualwire.migration";
    /** Exchange property: the move is stored ({@link Requested}); the destination may not be ready yet. */
    static final String PREPARED = "virtualwire.prepared";
    /** Exchange property: the driver moved the guest ({@link org.virtualwire.spi.TransferResult}). */
    static final String TRANSFERRED = "virtualwire.transferred";
    /** Exchange property: the desired state has the guest at the destination ({@link Requested}); no way back. */
    static final String ACTIVATED = "virtualwire.activated";

    private final Steps steps;

    MigrationRoute(Steps steps) {
        this.steps = steps;
    }

    @Override
    public void configure() {
        // no redelivery, and no error log for a refusal: the caller gets it, the route compensates the rest
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId(ROUTE_ID)
            .setProperty(PREPARED, method(steps.prepare(), "request"))
            .doTry()
                .bean(steps.prepare(), "await")
                .bean(steps.dualHome(), "run")
                .setProperty(TRANSFERRED, method(steps.transfer(), "run"))
                .setProperty(ACTIVATED, method(steps.activate(), "request"))
                .bean(steps.activate(), "await")
                .bean(steps.settle(), "run")
            .doCatch(Exception.class)
                .choice()
                    .when(exchangeProperty(ACTIVATED).isNull()).bean(steps.rollback(), "run")
                    .otherwise().bean(steps.unfinished(), "run")
                .end()
            .end();
    }
}
