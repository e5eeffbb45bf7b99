package org.virtualwire.migration.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A running {@code bench/icmp-probe.py} in a guest's namespace: 1 ms ICMP echoes until {@link #stop()}. */
final class Probe {
    private final Process process;

    private Probe(Process process) {
        this.process = process;
    }

    /**
     * @param script the probe script
     * @param netns the namespace of the guest that probes
     * @param target the address it probes
     * @param intervalMs between probes
     */
    static Probe start(Path script, String netns, String target, double intervalMs) throws IOException {
        return new Probe(new ProcessBuilder(List.of("ip", "netns", "exec", netns, "python3", script.toString(), target,
                Double.toString(intervalMs))).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /**
     * Ends the probe (closing its input) and reads what it saw.
     *
     * @param keep where to keep its raw output, or null
     */
    ProbeRun stop(Path keep) throws IOException, InterruptedException {
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        process.waitFor();
        if (keep != null) {
            java.nio.file.Files.writeString(keep, out);
        }
        return ProbeRun.parse(out);
    }
}
