package org.virtualwire.migration;

import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.virtualwire.api.GuestKind;

/**
 * The migration workflow of one kind of guest: one line per step. The kinds share their steps today (the
 * driver's transfer does what differs: moving NICs or live-migrating a VM), but each kind has its own route
 * so that its workflow can change on its own and shows as its own route.
 */
final class MigrationRoute extends RouteBuilder {
    private static final Predicate ACTIVATED = e -> e.getIn().getBody(Migration.class).activated;
    private static final Predicate PREPARED = e -> e.getIn().getBody(Migration.class).prepared;

    private final GuestKind kind;
    private final Steps steps;

    MigrationRoute(GuestKind kind, Steps steps) {
        this.kind = kind;
        this.steps = steps;
    }

    /** @return the route's id, e.g. {@code migrate-container} */
    static String routeId(GuestKind kind) {
        return "migrate-" + kind.label();
    }

    /** @return where a migration of this kind is sent */
    static String endpoint(GuestKind kind) {
        return "direct:" + routeId(kind);
    }

    @Override
    public void configure() {
        from(endpoint(kind)).routeId(routeId(kind))
            // compensation: before activation the guest goes back to the source, after it only what is left is told;
            // a refusal at prepare changed nothing and needs neither
            .onException(Exception.class).handled(true)
                .choice()
                    .when(ACTIVATED).bean(steps.leftovers(), "run")
                    .when(PREPARED).bean(steps.rollback(), "run")
                .end()
            .end()
            .bean(steps.prepare(), "run")
            .bean(steps.dualHome(), "run")
            .bean(steps.transfer(), "run")
            .bean(steps.activate(), "run")
            .bean(steps.settle(), "run");
    }
}
