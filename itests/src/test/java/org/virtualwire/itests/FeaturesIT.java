package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;

import javax.inject.Inject;

import org.apache.karaf.features.Feature;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The distribution as shipped: every VirtualWire feature installed at boot, every bundle active, default
 * configurations in place, and each capability removable and back at runtime.
 */
public class FeaturesIT extends VirtualWireTestSupport {
    private static final String[] FEATURES = {
        "virtualwire-core", "virtualwire-tunnel-vxlan", "virtualwire-driver-local", "virtualwire-management",
        "virtualwire-gateway"};
    private static final String[] BUNDLES = {
        "org.virtualwire.core", "org.virtualwire.tunnel.vxlan", "org.virtualwire.driver.local", "org.virtualwire.host.linux",
        "org.virtualwire.shell", "org.virtualwire.jmx", "org.virtualwire.gateway"};

    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void everyFeatureIsInstalledAtBoot() throws Exception {
        for (String name : FEATURES) {
            Feature f = featuresService.getFeature(name);
            assertTrue("feature " + name + " exists", f != null);
            assertTrue("feature " + name + " installed", featuresService.isInstalled(f));
        }
        assertTrue("the aggregate feature exists", featuresService.getFeature("virtualwire") != null);
    }

    @Test
    public void everyBundleIsActive() {
        awaitAllActive();
        assertEquals("epoll native code attached", Bundle.RESOLVED,
                bundle("io.netty.transport-native-epoll.linux-x86_64").getState());
    }

    @Test
    public void defaultConfigurationsAreShipped() throws Exception {
        Dictionary<String, Object> core = props("org.virtualwire.core");
        assertEquals("1", String.valueOf(core.get("vni.min")));
        assertEquals("16777215", String.valueOf(core.get("vni.max")));
        Dictionary<String, Object> driver = props("org.virtualwire.driver.local");
        assertEquals("false", String.valueOf(driver.get("teardownOnStop")));
        assertEquals("the tests' own prefix", prefix(), String.valueOf(driver.get("namespacePrefix")));
        Dictionary<String, Object> runtime = props("org.virtualwire.host.linux");
        assertEquals("false", String.valueOf(runtime.get("teardownOnStop")));
        assertEquals("the driver's prefix", prefix(), String.valueOf(runtime.get("namespacePrefix")));
        Dictionary<String, Object> gateway = props("org.virtualwire.gateway");
        assertEquals("encrypted between gateways by default", "AES-GCM", String.valueOf(gateway.get("cipher")));
        assertEquals("false", String.valueOf(gateway.get("plain.allowed")));
        assertEquals("no gateway unless a cloud is named", "", String.valueOf(gateway.get("cloud")).trim());
    }

    @Test
    public void driverFeatureCanBeRemovedAndInstalledAgain() throws Exception {
        awaitAllActive();
        featuresService.uninstallFeature("virtualwire-driver-local", noRefresh());
        assertFalse(featuresService.isInstalled(featuresService.getFeature("virtualwire-driver-local")));
        assertTrue("core stays", featuresService.isInstalled(featuresService.getFeature("virtualwire-core")));
        assertEquals(Bundle.ACTIVE, bundle("org.virtualwire.core").getState());
        featuresService.installFeature("virtualwire-driver-local", noRefresh());
        for (String bsn : BUNDLES) {
            assertEquals("state of " + bsn + " after the driver feature came back", Bundle.ACTIVE, bundle(bsn).getState());
        }
    }

    private void awaitAllActive() {
        for (String bsn : BUNDLES) {
            // the boot features may still be starting bundles when the first test runs
            eventually(java.time.Duration.ofSeconds(30), () -> bundle(bsn).getState() == Bundle.ACTIVE,
                    bsn + " ACTIVE (now " + bundle(bsn).getState() + ")");
        }
    }

    private Dictionary<String, Object> props(String pid) throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        assertTrue("configuration " + pid + " exists", found != null && found.length == 1);
        return found[0].getProperties();
    }
}
