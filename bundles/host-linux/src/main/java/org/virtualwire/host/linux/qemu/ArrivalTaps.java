package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up the TAPs of a VM arriving by live migration the moment the guest runs at the destination (they
 * are made down, see the NIC reconciler, so that no frame waits there for it before). An {@code ip -batch}
 * process is started before the migration and waits on its input, which it executes line by line: bringing
 * the TAPs up then costs a pipe write, not the start of a process (3 to 10 ms here, more on a busy machine:
 * as long as the guest's whole pause).
 */
final class ArrivalTaps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArrivalTaps.class);
    private final Process ip;
    private final List<String> taps;
    private final String netns;
    private boolean up;

    private ArrivalTaps(Process ip, String netns, List<String> taps) {
        this.ip = ip;
        this.netns = netns;
        this.taps = taps;
    }

    /**
     * @param netns the destination host's namespace
     * @param taps the VM's TAPs there
     * @return a waiting {@code ip}
     * @throws IOException if {@code ip} cannot start
     */
    static ArrivalTaps prepare(String netns, List<String> taps) throws IOException {
        return new ArrivalTaps(new ProcessBuilder("ip", "-n", netns, "-batch", "-").redirectErrorStream(true).start(),
                netns, taps);
    }

    /** Brings the TAPs up (once); never throws: the activation's pass brings them up too, only later. */
    void up() {
        if (up) {
            return;
        }
        up = true;
        StringBuilder lines = new StringBuilder();
        taps.forEach(t -> lines.append("link set dev ").append(t).append(" up\n"));
        try {
            OutputStream in = ip.getOutputStream();
            in.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            LOG.warn("Could not bring up the TAPs {} in {}: {}", taps, netns, e.getMessage());
        }
    }

    /** Ends {@code ip} and reports what it could not do. */
    @Override
    public void close() {
        try {
            ip.getOutputStream().close();
            if (!ip.waitFor(5, TimeUnit.SECONDS)) {
                ip.destroyForcibly();
            } else if (ip.exitValue() != 0) {
                LOG.warn("Bringing up the TAPs {} in {} failed: {}", taps, netns,
                        new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            LOG.warn("ip for the TAPs {} in {}: {}", taps, netns, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ip.destroyForcibly();
        }
    }
}
