package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.util.tracker.ServiceTracker;
import org.virtualwire.api.HostId;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.ProbeService;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireService;

/**
 * Boots OUR distribution (the assembly's tar.gz, by file URL) once per test class, with its own ports and the
 * namespace prefix {@code vwi-} so that it never meets a developer's appliance, and gives tests the public
 * interfaces: the services, the console and the features service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class VirtualWireTestSupport {
    /** The driver PID whose namespace prefix the tests override. */
    static final String DRIVER_CFG = "etc/org.virtualwire.driver.local.cfg";
    /** The host runtime PID: the same namespace prefix as the driver's, and the VM guest image. */
    static final String RUNTIME_CFG = "etc/org.virtualwire.host.linux.cfg";
    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected FeaturesService featuresService;

    @Inject
    protected SessionFactory sessionFactory;

    /** @return the Karaf under test: our assembly with free ports and the test namespace prefix */
    @Configuration
    public Option[] config() {
        String dist = System.getProperty("vw.distribution");
        File tarball = new File(dist == null ? "../assembly/target/virtualwire-0.1.0-SNAPSHOT.tar.gz" : dist);
        if (!tarball.isFile()) {
            throw new IllegalStateException("no distribution at " + tarball.getAbsolutePath() + ": build assembly first");
        }
        String prefix = prefixFromEnvironment();
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(tarball.getAbsoluteFile().toURI().toString())
                .name("VirtualWire")
                .karafVersion(System.getProperty("karaf.version", "4.4.10"))
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // free ports: a developer's appliance (8181, 8101, 1099, 44444) may be running on this machine
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
            // teardownOnStop stays false (the default): bundle restarts must keep the data plane, and every
            // test removes what it built through the API
            editConfigurationFilePut(DRIVER_CFG, "namespacePrefix", prefix),
            editConfigurationFilePut(RUNTIME_CFG, "namespacePrefix", prefix),
            // VM guests boot the project's image; the VM tests build it there when it is missing (Vms.ensureImage)
            editConfigurationFilePut(RUNTIME_CFG, "guestImage", Vms.imageDir()),
            systemProperty("vw.itest.prefix").value(prefix),
            systemProperty(Vms.IMAGE_PROPERTY).value(Vms.imageDir()),
            systemProperty(Vms.SCRIPT_PROPERTY).value(Vms.imageScript()),
        };
    }

    /** @return the namespace prefix of this run: {@code vwi-} unless -Dvw.itest.prefix says otherwise */
    static String prefixFromEnvironment() {
        String p = System.getProperty("vw.itest.prefix");
        return p == null || p.isBlank() ? "vwi-" : p;
    }

    /** @return the namespace prefix the appliance under test uses */
    protected String prefix() {
        return prefixFromEnvironment();
    }

    /**
     * @param guest a guest's name
     * @return its network namespace
     */
    protected String guestNs(String guest) {
        return prefix() + "g-" + guest;
    }

    /**
     * @param host a host's name
     * @return its network namespace
     */
    protected String hostNs(HostId host) {
        return prefix() + "h-" + host.name();
    }

    protected WireService wires() {
        return service(WireService.class);
    }

    protected WireAdminService admin() {
        return service(WireAdminService.class);
    }

    protected TopologyService topology() {
        return service(TopologyService.class);
    }

    protected MigrationService migrations() {
        return service(MigrationService.class);
    }

    protected ProbeService probes() {
        return service(ProbeService.class);
    }

    /** @return Jolokia of the Karaf under test, on the HTTP port its configuration file gives, as karaf/karaf */
    protected Jolokia jolokia() throws IOException {
        return jolokia("karaf", "karaf");
    }

    /**
     * @param user a user of etc/users.properties
     * @param password its password
     * @return Jolokia of the Karaf under test, logged in as that user
     */
    protected Jolokia jolokia(String user, String password) throws IOException {
        Properties web = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), "org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        String port = web.getProperty("org.osgi.service.http.port");
        Jolokia j = new Jolokia("http://localhost:" + port + "/jolokia", user, password);
        eventually(SERVICE_TIMEOUT, () -> j.status("/version", true) == 200, "Jolokia answers on port " + port);
        return j;
    }

    /**
     * Looks the service up each time (never cached), since tests restart the bundles that provide it.
     *
     * @param type a service interface
     * @param <T> its type
     * @return the service, waiting up to a minute for it
     */
    protected <T> T service(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(SERVICE_TIMEOUT.toMillis());
            if (s == null) {
                throw new AssertionError("no " + type.getName() + " service within " + SERVICE_TIMEOUT);
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /** @return the whole desired state, for comparing before and after a refused request */
    protected List<Object> model() {
        WireService w = wires();
        return List.of(w.clouds(), w.hosts(), w.guests(), w.endpoints(), w.wires());
    }

    /** Waits until every agent has applied the desired state, failing the test otherwise. */
    protected void awaitApplied() {
        if (!wires().awaitApplied(APPLY_TIMEOUT)) {
            throw new AssertionError("desired state not applied within " + APPLY_TIMEOUT);
        }
    }

    /**
     * Builds the {@link Lab} and host north, empty: where the migration tests send guests.
     *
     * @return north's devices without guests
     */
    protected List<String> buildLabAndNorth() {
        Lab.build(admin());
        admin().addHost(Lab.NORTH, Lab.LOCAL, null);
        awaitApplied();
        return Netns.links(hostNs(Lab.NORTH));
    }

    /** Clean-up after a test on the {@link Lab}: removes it through the API, then {@link #afterRemoval}. */
    protected void removeLab() {
        Lab.clear(wires(), admin(), true);
        afterRemoval(false);
    }

    /** Clean-up after a test on {@link Clouds}: removes them through the API, then {@link #afterRemoval}. */
    protected void removeClouds() {
        Clouds.clear(wires(), admin());
        afterRemoval(false);
    }

    /**
     * Waits until the agents applied a removal of everything, then deletes what the kernel still holds of the
     * test so that the next one starts clean.
     *
     * @param vms whether the test ran VMs: QEMUs still running are killed first, and the test fails naming them
     */
    protected void afterRemoval(boolean vms) {
        awaitApplied();
        List<String> qemus = vms ? Vms.killLeft(prefix()) : List.of();
        Leftovers.clean(prefix());
        assertEquals("QEMUs left running once their VM was removed", List.of(), qemus);
    }

    /**
     * @param symbolicName a bundle
     * @return it
     */
    protected Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /**
     * Stops and starts a bundle, as an operator's {@code bundle:restart} does.
     *
     * @param symbolicName the bundle
     */
    protected void restartBundle(String symbolicName) throws BundleException {
        Bundle b = bundle(symbolicName);
        b.stop();
        b.start();
    }

    /** Feature changes without refreshing other bundles (the probe among them, STACK.md pitfall 6). */
    protected static EnumSet<FeaturesService.Option> noRefresh() {
        return EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
    }

    /**
     * Runs a console command as the admin user would.
     *
     * @param command e.g. {@code vw:wire-list}
     * @return what it printed, then (if it failed) "ERROR: " and the failure's message
     */
    protected String console(String command) {
        // a command is registered once its services are: right after boot, or while the core restarts for its
        // configuration (etc/org.virtualwire.core.cfg delivered after it first activated), it may not be yet
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        String out = runConsole(command);
        while (out.contains("Command not found: " + command.split(" ")[0]) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            out = runConsole(command);
        }
        if (out.contains("Command not found: " + command.split(" ")[0])) {
            // the shell registers its commands only while every service they reference is there: which is not
            StringBuilder services = new StringBuilder("\n[services the vw: commands reference]");
            for (Class<?> type : List.of(WireService.class, WireAdminService.class, TopologyService.class,
                    ProbeService.class)) {
                services.append(' ').append(type.getSimpleName()).append('=')
                        .append(bundleContext.getServiceReference(type) != null ? "registered" : "MISSING");
            }
            out += services;
        }
        return out;
    }

    private String runConsole(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        admin.getPrincipals().add(new RolePrincipal("manager"));
        admin.getPrincipals().add(new RolePrincipal("viewer"));
        String failure = "";
        try {
            Object result = Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            if (result != null) {
                out.println(result);
            }
        } catch (Exception e) {
            Throwable t = e instanceof java.security.PrivilegedActionException ? e.getCause() : e;
            failure = "ERROR: " + t.getMessage();
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8) + failure;
    }

    /**
     * Polls a condition, for state that agents reach asynchronously.
     *
     * @param timeout how long at most
     * @param condition what must become true
     * @param what what is awaited, for the failure message
     */
    protected static void eventually(Duration timeout, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String freePort() {
        return Integer.toString(FreePorts.next());
    }
}
