package org.virtualwire.metrics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.virtualwire.metrics.cfg: who may scrape {@code /virtualwire/metrics}. */
@ObjectClassDefinition(name = "VirtualWire metrics", description = "Prometheus/OpenMetrics endpoint /virtualwire/metrics")
@interface MetricsConfig {
    @AttributeDefinition(description = "JAAS realm that logs scrapers in (HTTP Basic), as Jolokia's")
    String realm() default "karaf";

    @AttributeDefinition(description = "Role a scraper's user must hold; Karaf's 'viewer' reads, as over Jolokia")
    String role() default "viewer";
}
