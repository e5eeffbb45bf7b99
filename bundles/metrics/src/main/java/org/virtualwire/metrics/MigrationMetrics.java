package org.virtualwire.metrics;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationRecord.Outcome;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.ProbedMigration;

/**
 * Migrations, from {@link MigrationService#history()} at each scrape (so the numbers are the history's, also after
 * this bundle restarts): how many ended by outcome, and histograms of each step's duration (label {@code step}), of
 * whole migrations and of the guest's pause, and of the longest gap a probe saw
 * ({@link MigrationService#probedHistory()}). A migration still running counts in the step histogram with the steps
 * it has ended.
 */
final class MigrationMetrics implements MultiCollector {
    static final String PREFIX = "virtualwire_migration_";
    private final Supplier<MigrationService> migrations;

    /** @param migrations the migration service, or a supplier of null while it is not installed */
    MigrationMetrics(Supplier<MigrationService> migrations) {
        this.migrations = migrations;
    }

    @Override
    public MetricSnapshots collect() {
        Families f = new Families();
        MigrationService service = migrations.get();
        List<MigrationRecord> history = service == null ? List.of() : service.history();
        List<ProbedMigration> probed = service == null ? List.of() : service.probedHistory();
        Histogram steps = histogram(PREFIX + "step_seconds", "Duration of each migration step", Buckets.DURATIONS, "step");
        Histogram total = histogram(PREFIX + "seconds", "Duration of whole migrations, by outcome", Buckets.DURATIONS,
                "outcome");
        Histogram pause = histogram(PREFIX + "pause_seconds",
                "How long the guest was paused (a container: its NICs' switch), successful migrations",
                Buckets.DURATIONS);
        Histogram gaps = histogram(PREFIX + "probe_gap_seconds",
                "Longest time without an answer a probe saw during a migration", Buckets.GAPS);
        f.declareCounter("virtualwire_migrations", "Migrations ended, by outcome");
        for (Outcome o : Outcome.values()) {
            if (o != Outcome.RUNNING) {
                f.counter("virtualwire_migrations", "Migrations ended, by outcome",
                        history.stream().filter(r -> r.outcome() == o).count(), "outcome", label(o));
            }
        }
        for (MigrationRecord r : history) {
            for (MigrationStep s : r.steps()) {
                steps.labelValues(s.name()).observe(s.millis() / 1000);
            }
            if (r.outcome() != Outcome.RUNNING) {
                total.labelValues(label(r.outcome())).observe(r.totalMillis() / 1000);
            }
            if (r.outcome() == Outcome.SUCCEEDED && r.pauseMillis() >= 0) {
                pause.observe(r.pauseMillis() / 1000);
            }
        }
        for (ProbedMigration p : probed) {
            gaps.observe(p.probe().longestGapMillis() / 1000);
        }
        f.counter(PREFIX + "probe_lost_packets", "Probe packets never answered during migrations",
                probed.stream().mapToLong(q -> q.probe().lost()).sum());
        return f.add(steps.collect()).add(total.collect()).add(pause.collect()).add(gaps.collect()).build();
    }

    private static String label(Outcome o) {
        return o.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A fresh histogram, filled from the history at each scrape: classic buckets only, no exemplars. */
    static Histogram histogram(String name, String help, double[] bounds, String... labels) {
        Histogram.Builder b = Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(bounds);
        b.withoutExemplars();
        return labels.length == 0 ? b.build() : b.labelNames(labels).build();
    }
}
