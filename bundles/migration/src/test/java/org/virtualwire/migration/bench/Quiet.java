package org.virtualwire.migration.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits for a quieter moment before each migration: the machine is shared, and other people's builds make
 * a TCG guest (and so every figure here) slow. Like {@code vwb_wait_quiet} in bench/lib.sh.
 */
final class Quiet {
    /** Longest wait, s. */
    static final int MAX_WAIT = 20;
    /** CPU busy (all cores, whoever uses it) at most, %: the idle VM and the probe use some. */
    static final int LIMIT = 35;

    private Quiet() {
    }

    /** @return the last busy figure, % (what the next measurement starts with) */
    static int await(int maxSeconds, int limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (true) {
            long[] a = cpu();
            Thread.sleep(500);
            long[] b = cpu();
            long total = b[0] - a[0];
            int busy = total <= 0 ? 0 : (int) (100 * (total - (b[1] - a[1])) / total);
            if (busy <= limit || System.nanoTime() > deadline) {
                return busy;
            }
        }
    }

    /** @return total and idle (idle + iowait) jiffies */
    private static long[] cpu() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }
}
