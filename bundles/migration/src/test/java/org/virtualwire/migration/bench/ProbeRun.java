package org.virtualwire.migration.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one run of {@code bench/icmp-probe.py} saw, and its gap accounting: the longest time between two
 * answers (a duplicate, the same probe answered twice, ends no gap), or from the last answer to the last
 * probe sent if the end went unanswered. The same rule as the product's probe, with probes sent at a fixed
 * 1 ms pace. Times are wall-clock milliseconds since the epoch, like QMP's event timestamps.
 *
 * @param sent probes sent
 * @param lost probes never answered
 * @param duplicates answers to a probe answered already
 * @param gapMillis the longest time without an answer
 * @param gapStart when it began (the answer before it)
 * @param gapEnd when it ended (the answer after it)
 * @param lastAnswer when the last answer came
 */
record ProbeRun(long sent, long lost, long duplicates, double gapMillis, double gapStart, double gapEnd,
        double lastAnswer) {

    /** @param output the probe's lines, {@code S|R seq epochSeconds} */
    static ProbeRun parse(String output) {
        List<double[]> sends = new ArrayList<>();
        List<double[]> answers = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 3) {
                (f[0].equals("S") ? sends : answers).add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]) * 1000});
            }
        }
        answers.sort((a, b) -> Double.compare(a[1], b[1]));
        Set<Double> seen = new HashSet<>();
        long dups = 0;
        double last = -1;
        double gap = 0;
        double start = 0;
        double end = 0;
        for (double[] a : answers) {
            if (!seen.add(a[0])) {
                dups++;
                continue;
            }
            if (last >= 0 && a[1] - last > gap) {
                gap = a[1] - last;
                start = last;
                end = a[1];
            }
            last = a[1];
        }
        double lastSend = sends.isEmpty() ? 0 : sends.get(sends.size() - 1)[1];
        if (last < 0 || lastSend - last > gap) {
            start = last < 0 ? (sends.isEmpty() ? 0 : sends.get(0)[1]) : last;
            end = lastSend;
            gap = end - start;
        }
        return new ProbeRun(sends.size(), Math.max(0, sends.size() - seen.size()), dups, gap, start, end, last);
    }
}
