package org.virtualwire.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A debug setting for fault tests, off by default: while the system property {@value #PROPERTY} names a step
 * (e.g. {@code transfer}), every migration that ends that step waits right after it, its record already showing
 * the step, until the property names something else. A test (or an operator reproducing a crash) kills Karaf
 * there and so finds the migration at a known point, instead of guessing with a timer. Set it at run time
 * with Karaf's system MBean ({@code org.apache.karaf:type=system} {@code setProperty}, not persistent) or in
 * {@code etc/system.properties}.
 */
final class PauseAfter {
    static final String PROPERTY = "virtualwire.migration.pauseAfter";
    private static final Logger LOG = LoggerFactory.getLogger(PauseAfter.class);
    private static final long POLL_MS = 50;

    private PauseAfter() {
    }

    /**
     * @param m the migration
     * @param step the step it just ended
     */
    static void step(Migration m, String step) {
        if (!step.equals(System.getProperty(PROPERTY))) {
            return;
        }
        LOG.warn("Migration {} of {} paused after step {}: debug setting {} is set", m.id, m.request.guest().id(), step, PROPERTY);
        try {
            while (step.equals(System.getProperty(PROPERTY))) {
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("Migration {} of {} goes on after step {}", m.id, m.request.guest().id(), step);
    }
}
