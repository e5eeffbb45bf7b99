package org.virtualwire.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel as a user sees it: network namespaces and pings between them. Used inside Karaf (Pax Exam probe)
 * and in the plain JVM (distribution test) alike, so it depends on nothing but the JDK and iproute2/iputils.
 */
public final class Netns {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    private Netns() {
    }

    /**
     * @param namespace a guest's namespace
     * @param ip an address to ping from it
     * @return whether any of three pings (one second apart, one second timeout) got an answer
     */
    public static boolean ping(String namespace, String ip) {
        Result r = run(15, "ip", "netns", "exec", namespace, "ping", "-c", "3", "-W", "1", ip);
        return r.exit == 0;
    }

    /**
     * @param namespace a guest's namespace
     * @param ip an address to ping from it
     * @param attempts how many rounds of {@link #ping} to try before giving up (ARP, a reconcile in flight)
     * @return whether one round got an answer
     */
    public static boolean pingEventually(String namespace, String ip, int attempts) {
        for (int i = 0; i < attempts; i++) {
            if (ping(namespace, ip)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param namespace a guest's namespace
     * @param ip an address to ping from it
     * @param count how many echo requests, 50 ms apart
     * @return how many echo replies came back (counted strictly: ping numbers its errors too)
     */
    public static long echoReplies(String namespace, String ip, int count) {
        Result r = run(count + 15, "ip", "netns", "exec", namespace, "ping", "-n", "-c", Integer.toString(count), "-i", "0.05",
                "-W", "1", ip);
        return r.out.lines().filter(l -> l.contains(" bytes from " + ip + ":")).count();
    }

    /**
     * @param namespace a network namespace
     * @return the names of its network devices, sorted: what a host looks like to the kernel
     */
    public static List<String> links(String namespace) {
        Result r = run(10, "ip", "-n", namespace, "-o", "link", "show");
        if (r.exit != 0) {
            throw new IllegalStateException("cannot list the devices of " + namespace + ": " + r.out);
        }
        List<String> names = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            String[] fields = line.split(": ", 3); // "7: ve12@if6: <BROADCAST,..."
            if (fields.length > 1) {
                names.add(fields[1].replaceFirst("@.*", ""));
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * @param namespace a network namespace
     * @return the processes that run in it
     */
    public static List<Long> pids(String namespace) {
        List<Long> pids = new ArrayList<>();
        for (String line : run(10, "ip", "netns", "pids", namespace).out.split("\n")) {
            if (line.trim().matches("\\d+")) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    /**
     * Starts a steady ping that runs while the caller disturbs the appliance.
     *
     * @param namespace a guest's namespace
     * @param ip the address to ping
     * @param count how many echo requests
     * @param intervalSeconds the gap between them, e.g. "0.05"
     * @return the running ping
     */
    public static PingRun startPing(String namespace, String ip, int count, String intervalSeconds) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "ping", "-n", "-q", "-c",
                    Integer.toString(count), "-i", intervalSeconds, "-W", "1", ip).redirectErrorStream(true).start();
            return new PingRun(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start ping: " + e, e);
        }
    }

    /**
     * @param prefix a namespace prefix, e.g. {@code vwi-}
     * @return the names of the namespaces that start with it
     */
    public static List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        for (String line : run(10, "ip", "netns", "list").out.split("\n")) {
            String name = line.trim().split("\\s+")[0];
            if (!name.isEmpty() && name.startsWith(prefix)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Removes every namespace that starts with the prefix: the last line of defence so that a failed test
     * leaves nothing behind. Only ever called with a test's own prefix.
     *
     * @param prefix a test prefix such as {@code vwi-}
     */
    public static void deleteAll(String prefix) {
        if (prefix.length() < 3 || prefix.startsWith("vw-")) {
            throw new IllegalArgumentException("refusing to delete namespaces with prefix '" + prefix + "'");
        }
        for (String ns : list(prefix)) {
            run(10, "ip", "netns", "delete", ns);
        }
    }

    /**
     * @param timeoutSeconds how long the command may take
     * @param command the command and its arguments
     * @return its exit code and output (stdout and stderr together)
     */
    public static Result run(int timeoutSeconds, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), read(p.getInputStream()));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + Arrays.toString(command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * @param exit exit code, -1 if it could not run or timed out
     * @param out what it printed
     */
    public record Result(int exit, String out) {
    }

    /** A ping running in the background. */
    public static final class PingRun {
        private final Process process;

        PingRun(Process process) {
            this.process = process;
        }

        /**
         * @param timeoutSeconds how long to wait for the ping to finish
         * @return {transmitted, received}
         */
        public long[] await(int timeoutSeconds) {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ping did not finish in " + timeoutSeconds + " s");
                }
                String out = read(process.getInputStream());
                Matcher m = SUMMARY.matcher(out);
                if (!m.find()) {
                    throw new IllegalStateException("no ping summary in: " + out);
                }
                return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
