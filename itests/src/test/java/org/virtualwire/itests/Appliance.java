package org.virtualwire.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real distribution, run as an operator runs it: unpacked from the assembly's tarball, started with
 * {@code bin/start} and stopped with {@code bin/stop}. It gets free ports and its own namespace prefix so that
 * it never meets a developer's appliance; only the Karaf it started (found by its karaf.home) is ever killed.
 */
final class Appliance implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final int httpPort;
    private final int sshPort;

    private Appliance(Path home, int httpPort, int sshPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
    }

    /**
     * Unpacks the distribution this build made ({@code -Dvw.distribution=FILE} names another) into a folder of the
     * build directory.
     *
     * @param folder the folder's name under the build directory
     * @param prefix the namespace prefix of its local cloud
     * @return the unpacked, configured, not yet started appliance
     */
    static Appliance unpackBuilt(String folder, String prefix) throws IOException {
        String dist = System.getProperty("vw.distribution");
        File tarball = new File(dist == null ? "../assembly/target/virtualwire-0.1.0-SNAPSHOT.tar.gz" : dist);
        if (!tarball.isFile()) {
            throw new AssertionError("distribution built: " + tarball);
        }
        return unpack(tarball, Path.of(System.getProperty("project.build.directory", "target"), folder), prefix);
    }

    /**
     * @param tarball the assembly's tar.gz
     * @param workDir an empty (or disposable) folder to unpack it into
     * @param prefix the namespace prefix of its local cloud
     * @return the unpacked, configured, not yet started appliance
     */
    static Appliance unpack(File tarball, Path workDir, String prefix) throws IOException {
        deleteTree(workDir);
        Files.createDirectories(workDir);
        Netns.Result untar = Netns.run(120, "tar", "-xzf", tarball.getAbsolutePath(), "-C", workDir.toString());
        if (untar.exit() != 0) {
            throw new IOException("cannot unpack " + tarball + ": " + untar.out());
        }
        Path home;
        try (Stream<Path> dirs = Files.list(workDir)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty tarball"));
        }
        int http = freePort();
        int ssh = freePort();
        set(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", Integer.toString(http));
        set(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(ssh));
        set(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", Integer.toString(freePort()));
        set(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", Integer.toString(freePort()));
        set(home.resolve("etc/org.virtualwire.driver.local.cfg"), "namespacePrefix", prefix);
        set(home.resolve("etc/org.virtualwire.host.linux.cfg"), "namespacePrefix", prefix); // the driver's
        return new Appliance(home, http, ssh);
    }

    /**
     * Sets a configuration key before the appliance starts.
     *
     * @param cfg the file in etc/, e.g. {@code org.virtualwire.driver.local.cfg}
     * @param key the key
     * @param value its value
     */
    void configure(String cfg, String key, String value) throws IOException {
        set(home.resolve("etc").resolve(cfg), key, value);
    }

    /** @return the Karaf log, for failure messages */
    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /**
     * Starts a console command with {@code bin/client} (SSH, karaf/karaf, batch mode: the command on its standard
     * input, as {@code run.sh} does) as an operator types it.
     *
     * @param command the command line
     * @param output where its output goes
     * @return the running client
     */
    Process console(String command, Path output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "localhost", "-u", "karaf", "-p", "karaf", "-r", "5", "-b").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    /**
     * {@code kill -9} of the Karaf this test started (its pid, found by its karaf.home): no shutdown hook, no
     * bundle stops, whatever runs is cut where it is. Waits until the process is gone.
     *
     * @return the pid killed
     */
    long kill() throws InterruptedException {
        ProcessHandle karaf = process().orElseThrow(() -> new AssertionError("no Karaf runs from " + home));
        Netns.Result r = Netns.run(10, "kill", "-9", Long.toString(karaf.pid()));
        if (r.exit() != 0) {
            throw new AssertionError("kill -9 " + karaf.pid() + " failed: " + r.out());
        }
        long end = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (karaf.isAlive()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Karaf " + karaf.pid() + " still alive " + STOP_TIMEOUT + " after kill -9");
            }
            Thread.sleep(20);
        }
        return karaf.pid();
    }

    /** @return Jolokia of this appliance, logged in as karaf/karaf */
    Jolokia jolokia() {
        return new Jolokia("http://localhost:" + httpPort + "/jolokia", "karaf", "karaf");
    }

    /**
     * Runs {@code bin/start} and waits until Jolokia answers, the VirtualWire MBeans are registered and every
     * VirtualWire bundle is active (boot features start one after another: the tunnel may come after Jolokia).
     */
    void start() throws Exception {
        bin("start");
        Jolokia j = jolokia();
        long end = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!(j.status("/version", true) == 200 && j.search("org.virtualwire:type=wires,*").size() == 1
                && allActive(j))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("appliance not up within " + BOOT_TIMEOUT + "; see " + home.resolve("data/log/karaf.log"));
            }
            Thread.sleep(500);
        }
    }

    private static boolean allActive(Jolokia j) {
        com.fasterxml.jackson.databind.JsonNode bundles = j.read("org.apache.karaf:type=bundle,name=root", "Bundles");
        int ours = 0;
        for (com.fasterxml.jackson.databind.JsonNode b : bundles) {
            if (b.path("Symbolic Name").asText().startsWith("org.virtualwire")) {
                ours++;
                if (!"Active".equals(b.path("State").asText())) {
                    return false;
                }
            }
        }
        return ours >= 6;
    }

    /** Runs {@code bin/stop} and waits until its Java process has exited. */
    void stop() throws Exception {
        Optional<ProcessHandle> karaf = process();
        bin("stop");
        if (karaf.isPresent()) {
            long end = System.nanoTime() + STOP_TIMEOUT.toNanos();
            while (karaf.get().isAlive()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("appliance still running " + STOP_TIMEOUT + " after bin/stop");
                }
                Thread.sleep(200);
            }
        }
    }

    /** @return whether its Java process runs */
    boolean running() {
        return process().isPresent();
    }

    /** Stops it if it still runs, killing our own Karaf (by its pid) if bin/stop does not. */
    @Override
    public void close() throws Exception {
        Optional<ProcessHandle> karaf = process();
        if (karaf.isPresent()) {
            try {
                stop();
            } finally {
                if (karaf.get().isAlive()) {
                    karaf.get().destroyForcibly();
                }
            }
        }
    }

    /** @return the Java process whose karaf.home is this appliance's folder */
    private Optional<ProcessHandle> process() {
        String marker = "-Dkaraf.home=" + home;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false))
                .findFirst();
    }

    private void bin(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/" + script).toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("bin-" + script + ".out").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("bin/" + script + " failed: "
                    + Files.readString(home.resolve("bin-" + script + ".out"), StandardCharsets.UTF_8));
        }
    }

    /** Sets {@code key = value} in a .cfg file, replacing the key's line or adding one. */
    private static void set(Path cfg, String key, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.exists(cfg) ? Files.readAllLines(cfg) : List.of());
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.startsWith(key + " ") || l.startsWith(key + "=")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines);
    }

    private static int freePort() {
        return FreePorts.next();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
