package org.virtualwire.metrics;

/** The histograms' bucket upper bounds, in seconds (+Inf is added by the client library). */
final class Buckets {
    /** Agent passes and migration steps: a millisecond (a tc change) to a minute (a VM's memory). */
    static final double[] DURATIONS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** What a peer felt during a migration: the probe sends every millisecond, so 1 ms is "no gap". */
    static final double[] GAPS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5};

    private Buckets() {
    }
}
