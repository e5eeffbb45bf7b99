package org.virtualwire.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The metric families of one scrape, filled data point by data point: counters and gauges whose values are read
 * from the services at scrape time (the kernel's and the gateway's counters are the truth; nothing is kept here).
 */
final class Families {
    private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
    private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
    private final MetricSnapshots.Builder others = MetricSnapshots.builder();

    /**
     * @param name the family's name without {@code _total}
     * @param help what it counts
     * @param value the value
     * @param labels label names and values, alternately
     * @return this
     */
    Families counter(String name, String help, double value, String... labels) {
        counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help))
                .dataPoint(CounterDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
        return this;
    }

    /** As {@link #counter}, for a value that goes up and down. */
    Families gauge(String name, String help, double value, String... labels) {
        gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
        return this;
    }

    /** @param snapshot a family built elsewhere (a histogram) */
    Families add(MetricSnapshot snapshot) {
        others.metricSnapshot(snapshot);
        return this;
    }

    /** Declares a counter family with no data point yet, so that it is listed (with its help) before it counts. */
    Families declareCounter(String name, String help) {
        counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help));
        return this;
    }

    MetricSnapshots build() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        counters.values().forEach(b -> all.metricSnapshot(b.build()));
        gauges.values().forEach(b -> all.metricSnapshot(b.build()));
        others.build().forEach(all::metricSnapshot);
        return all.build();
    }
}
