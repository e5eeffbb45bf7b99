package org.virtualwire.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.virtualwire.api.AgentPass;
import org.virtualwire.api.AgentPassListener;

/**
 * How long the hosts' agents take to apply a revision: a histogram per host and outcome, filled as the core tells
 * each pass (since this bundle started; passes that found nothing to do are not told).
 */
final class AgentPassMetrics implements AgentPassListener {
    static final String NAME = "virtualwire_agent_pass_seconds";
    private final Histogram passes = MigrationMetrics.histogram(NAME,
            "Duration of agent passes that applied a revision to a host's data plane", Buckets.DURATIONS,
            "host", "outcome");

    /** @param registry where the histogram is scraped from */
    AgentPassMetrics(PrometheusRegistry registry) {
        registry.register(passes);
    }

    @Override
    public void passed(AgentPass pass) {
        passes.labelValues(pass.host().toString(), pass.succeeded() ? "succeeded" : "failed").observe(pass.millis() / 1000);
    }
}
