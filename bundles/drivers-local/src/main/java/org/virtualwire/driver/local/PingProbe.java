package org.virtualwire.driver.local;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtualwire.api.EndpointId;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * A probe made of ICMP echoes sent by {@code ping} inside the guest's namespace at a fixed interval (root may
 * go below 2 ms). Every answer is timestamped ({@code -D}) and numbered, which gives the longest gap, the
 * losses, the duplicates and the reordering; any guest with an IP stack answers, VMs included.
 */
final class PingProbe {
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)] \\d+ bytes from .*icmp_seq=(\\d+) .*$");
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) packets transmitted, (\\d+) received.*$");

    private PingProbe() {
    }

    static ProbeResult run(String netns, EndpointId from, String target, Duration duration, Duration interval)
            throws KernelException {
        double seconds = interval.toNanos() / 1e9;
        long count = Math.max(1, duration.toNanos() / interval.toNanos());
        long deadline = duration.toSeconds() + 3;
        String out = Kernel.run(List.of("ip", "netns", "exec", netns, "ping", "-D", "-n", "-i",
                String.format(Locale.ROOT, "%.6f", seconds), "-c", Long.toString(count), "-w", Long.toString(deadline),
                target), null, 1);
        return parse(from, target, out, seconds * 1000);
    }

    /** Reads ping's output; a non-zero exit (some packets lost) still has a whole output. */
    static ProbeResult parse(EndpointId from, String target, String output, double intervalMillis) {
        Set<Long> seen = new HashSet<>();
        long duplicates = 0;
        long reordered = 0;
        long highest = -1;
        double first = -1;
        double last = -1;
        double gap = 0;
        long sent = 0;
        for (String line : List.of(output.split("\n"))) {
            Matcher m = REPLY.matcher(line);
            if (m.matches()) {
                double at = Double.parseDouble(m.group(1)) * 1000;
                long seq = Long.parseLong(m.group(2));
                if (!seen.add(seq)) {
                    duplicates++;
                    continue;
                }
                if (seq < highest) {
                    reordered++;
                }
                highest = Math.max(highest, seq);
                if (last >= 0) {
                    gap = Math.max(gap, at - last);
                }
                first = first < 0 ? at : first;
                last = at;
                continue;
            }
            Matcher s = SUMMARY.matcher(line);
            if (s.matches()) {
                sent = Long.parseLong(s.group(1));
            }
        }
        if (first >= 0) {
            // answers missing at the end count as a gap up to when the last packet was due
            gap = Math.max(gap, first + (sent - 1) * intervalMillis - last);
        }
        long received = seen.size();
        return new ProbeResult(from, target, sent, received, Math.max(0, sent - received), duplicates, reordered,
                received == 0 ? sent * intervalMillis : gap, intervalMillis);
    }
}
