package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Duration;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.virtualwire.spi.WireStore;

/**
 * The ZooKeeper store in the real Karaf: the virtualwire-zookeeper feature resolves (ZooKeeper and Curator in one
 * bundle), a Curator client reaches a ZooKeeper server the test starts, and once etc/org.virtualwire.store.zookeeper
 * exists the wire manager switches to the ZooKeeper store and stores its state there; without it, back to the file.
 */
public class ZooKeeperStoreIT extends VirtualWireTestSupport {
    private static final String PID = "org.virtualwire.store.zookeeper";
    private static final Duration SWITCH = Duration.ofSeconds(60);
    private static final String CONNECT = "vw.it.zookeeper";

    /** @return the Karaf under test, told where the test's ZooKeeper server is (see {@link HostZooKeeper}) */
    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), CoreOptions.systemProperty(CONNECT).value(HostZooKeeper.connect()));
    }

    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void theApplianceSwitchesToZooKeeperWhenConfiguredAndBack() throws Exception {
        assertFalse("not installed by default", featuresService.isInstalled(featuresService.getFeature("virtualwire-store-zookeeper")));
        assertEquals("the file store by default", "org.virtualwire.core.impl.store.FileWireStore", storeInUse());
        featuresService.installFeature("virtualwire-zookeeper", noRefresh());
        try (ZooKeeperProbe zk = new ZooKeeperProbe(System.getProperty(CONNECT))) {
            assertEquals("world", zk.createAndRead("/it/hello", "world"));

            featuresService.installFeature("virtualwire-store-zookeeper", noRefresh());
            assertEquals("idle without its configuration", "org.virtualwire.core.impl.store.FileWireStore", storeInUse());
            Configuration config = configAdmin.getConfiguration(PID, "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("connect.string", zk.connect());
            props.put("root.path", "/vw");
            config.update(props);
            eventually(SWITCH, () -> zk.revision("/vw") >= 1, "the wire manager's first commit on ZooKeeper");
            assertEquals("org.virtualwire.store.zookeeper.ZooKeeperWireStore", storeInUse());
            assertEquals("the default cloud, one znode", 1, zk.children("/vw/clouds").size());

            config.delete();
            eventually(SWITCH, () -> storeInUse().endsWith("FileWireStore"), "the file store back");
            featuresService.uninstallFeature("virtualwire-store-zookeeper", noRefresh());
        }
    }

    /** @return the class of the highest-ranked store, the one the wire manager binds greedily */
    private String storeInUse() {
        ServiceReference<WireStore> ref = bundleContext.getServiceReference(WireStore.class);
        return ref == null ? "none" : String.valueOf(ref.getProperty("component.name"));
    }
}
