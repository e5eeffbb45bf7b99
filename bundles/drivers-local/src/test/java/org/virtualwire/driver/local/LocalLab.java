package org.virtualwire.driver.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.core.impl.WireManager;
import org.virtualwire.host.linux.LinuxHostRuntime;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.tunnel.vxlan.VxlanTunnelProvider;
import org.virtualwire.spi.linux.LinuxKernel;

/**
 * The controller, the file store, the local driver and the VXLAN tunnel together on real namespaces, without
 * OSGi, as the kernel tests of this module and of the gateway build them: started with the driver's namespaces
 * of the prefix removed first, restarted (a new controller on the same store and driver, as after a crash),
 * stopped with every namespace removed. Also the two-cloud topology, and pings from a namespace.
 * Shared with other modules' tests through this module's test-jar.
 */
public final class LocalLab {
    private static final Kernel KERNEL = new LinuxKernel();

    private static final Duration APPLIED = Duration.ofSeconds(30);
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) received");

    private final String prefix;
    private final Path data;
    private final Consumer<WireManager> plugIns;
    private LocalCloudDriver driver;
    private LinuxHostRuntime runtime;
    private WireManager manager;
    private int vniMin = 1;
    private int vniMax = 0xFFFFFF;

    /**
     * @param prefix the namespace prefix, one per test class and JVM ({@link #prefix(String)}) so that parallel
     *        runs never meet
     * @param data the store's folder
     */
    public LocalLab(String prefix, Path data) {
        this(prefix, data, m -> { });
    }

    /**
     * @param prefix the namespace prefix
     * @param data the store's folder
     * @param plugIns what to add to each controller besides the driver and the tunnel, before it starts
     *        (a gateway provider, say)
     */
    public LocalLab(String prefix, Path data, Consumer<WireManager> plugIns) {
        this.prefix = prefix;
        this.data = data;
        this.plugIns = plugIns;
    }

    /**
     * @param tag a test class's own letters, such as {@code vt}
     * @return a namespace prefix of them and this JVM's pid
     */
    public static String prefix(String tag) {
        return tag + ProcessHandle.current().pid() + "-";
    }

    /** Skips the test unless it runs as root: namespaces need it. */
    public static void assumeRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    }

    /**
     * Skips the test unless root; removes what an earlier run of the prefix left and starts a controller.
     *
     * @return the controller
     */
    public WireManager start() {
        assumeRoot();
        driver = new LocalCloudDriver(prefix);
        runtime = new LinuxHostRuntime(prefix);
        runtime.teardown();
        driver.teardown();
        return startManager();
    }

    /**
     * Narrows the VNIs the controllers hand out (vni.min, vni.max), e.g. to leave room for outside VTEPs' VNIs.
     *
     * @return this lab
     */
    public LocalLab vniRange(int min, int max) {
        vniMin = min;
        vniMax = max;
        return this;
    }

    /** @return a new controller on the same store and driver, started */
    public WireManager startManager() {
        WireManager m = new WireManager(new FileWireStore(data), vniMin, vniMax);
        m.addDriver(driver);
        m.addRuntime(runtime);
        m.addTunnel(new VxlanTunnelProvider());
        plugIns.accept(m);
        m.start();
        manager = m;
        return m;
    }

    /** Stops the controller, if one runs; the data plane stays as it is. */
    public void stopManager() {
        if (manager != null) {
            manager.stop();
            manager = null;
        }
    }

    /** @return the controller stopped and a new one started in its place */
    public WireManager restart() {
        stopManager();
        return startManager();
    }

    /** Stops the controller and removes every namespace of the prefix. Does nothing where nothing started. */
    public void stop() {
        stopManager();
        if (driver != null) {
            runtime.teardown();
            driver.teardown();
        }
    }

    /** @return the driver, or null before {@link #start()} */
    public LocalCloudDriver driver() {
        return driver;
    }

    /** @return the host runtime, or null before {@link #start()} */
    public LinuxHostRuntime runtime() {
        return runtime;
    }

    /**
     * Clouds a (198.18.1.0/24) and b (198.18.2.0/24), each with a host (ha 198.18.1.1, hb 198.18.2.1) and a
     * gateway also on the network between clouds (ga 198.18.1.254 / 198.19.0.1, gb 198.18.2.254 / 198.19.0.2);
     * container x on ha wired to container y on hb (x/eth0 10.99.0.1/24, y/eth0 10.99.0.2/24). Waits until the
     * agents applied it.
     *
     * @param moreOfB properties of cloud b besides its subnet, such as its MTU
     */
    public void twoClouds(Map<String, String> moreOfB) {
        Map<String, String> ofB = new HashMap<>(moreOfB);
        ofB.put("subnet", "198.18.2.0/24");
        CloudId a = CloudId.of("a");
        CloudId b = CloudId.of("b");
        manager.batch(x -> {
            x.addCloud(a, "local", Map.of("subnet", "198.18.1.0/24"));
            x.addCloud(b, "local", Map.copyOf(ofB));
            x.addHost(HostId.of("ha"), a, "198.18.1.1");
            x.addHost(HostId.of("ga"), a, "198.18.1.254", "198.19.0.1");
            x.addHost(HostId.of("hb"), b, "198.18.2.1");
            x.addHost(HostId.of("gb"), b, "198.18.2.254", "198.19.0.2");
            x.addGuest(GuestId.of("x"), GuestKind.CONTAINER, HostId.of("ha"));
            x.addGuest(GuestId.of("y"), GuestKind.CONTAINER, HostId.of("hb"));
            x.addEndpoint(EndpointId.parse("x/eth0"), null, "10.99.0.1/24", null);
            x.addEndpoint(EndpointId.parse("y/eth0"), null, "10.99.0.2/24", null);
            x.connect(EndpointId.parse("x/eth0"), EndpointId.parse("y/eth0"));
        });
        assertTrue(manager.awaitApplied(APPLIED));
    }

    /** @return the namespace of a host */
    public String hostNs(String host) {
        return prefix + "h-" + host;
    }

    /** @return the namespace of a guest */
    public String guestNs(String guest) {
        return prefix + "g-" + guest;
    }

    /**
     * @param ns a namespace
     * @param args ping's options and address
     * @return whether ping succeeded there
     */
    public static boolean ping(String ns, String... args) {
        try {
            KERNEL.exec(ns, command(args));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * @param ns a namespace
     * @param args ping's options and address
     * @return the replies ping reported there ("N received"), looked for in its error too when it failed; 0 if
     *         it reported none
     */
    public static int received(String ns, String... args) {
        String out;
        try {
            out = KERNEL.exec(ns, command(args));
        } catch (Exception e) {
            out = String.valueOf(e.getMessage());
        }
        Matcher m = RECEIVED.matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String[] command(String... pingArgs) {
        List<String> argv = new ArrayList<>(List.of("ping"));
        argv.addAll(List.of(pingArgs));
        return argv.toArray(String[]::new);
    }
}
