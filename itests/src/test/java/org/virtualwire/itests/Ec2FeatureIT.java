package org.virtualwire.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.virtualwire.spi.PluginRegistry;

/**
 * The ec2 driver as a hot-deployable feature: installed and removed from the console and over Jolokia (Karaf's
 * features MBean) while the local cloud's wires keep forwarding; {@code vw:cloud-add --driver ec2} checks the
 * properties with errors that name them. No AWS is called: validation is local.
 */
public class Ec2FeatureIT extends VirtualWireTestSupport {
    private static final String FEATURE = "virtualwire-driver-ec2";
    private static final String BUNDLE = "org.virtualwire.driver.ec2";
    private static final String FEATURES_MBEAN = "org.apache.karaf:type=feature,name=root";
    private static final String GOOD = " --property region=eu-west-1 --property subnet=subnet-0123456789abcdef0"
            + " --property image=ami-0123456789abcdef0 --property zookeeper=10.0.0.5:2181";

    @Before
    public void buildLab() {
        Lab.build(admin());
        awaitApplied();
        assertTrue("delta -> echo before", Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));
    }

    @After
    public void clear() throws Exception {
        if (featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            featuresService.uninstallFeature(FEATURE, noRefresh());
        }
        removeLab();
    }

    /** The console prints "Error: ..." for a refused change (the command's own) or "ERROR: ..." (a failure). */
    private static boolean failed(String out) {
        return out.toLowerCase(java.util.Locale.ROOT).contains("error");
    }

    private boolean ec2Registered() {
        return service(PluginRegistry.class).driver("ec2").isPresent();
    }

    private void assertForwarding(String when) {
        assertTrue("delta -> echo " + when, Netns.pingEventually(guestNs("delta"), Lab.ECHO_IP, 3));
        assertTrue("alpha -> bravo " + when, Netns.pingEventually(guestNs("alpha"), Lab.BRAVO_IP, 3));
    }

    @Test
    public void fromTheConsoleWithErrorsThatNameTheProperty() throws Exception {
        assertNotNull("the feature is in the distribution's repository", featuresService.getFeature(FEATURE));
        assertFalse("not a boot feature", ec2Registered());
        String before = console("vw:cloud-add --driver ec2" + GOOD + " aws");
        assertTrue(before, failed(before) && before.contains(FEATURE));

        String out = console("feature:install --no-auto-refresh " + FEATURE);
        assertFalse(out, failed(out));
        eventually(Duration.ofSeconds(60), this::ec2Registered, "driver ec2 registered");
        assertTrue(bundle(BUNDLE).getState() == Bundle.ACTIVE);
        assertForwarding("after installing the ec2 driver");

        String region = console("vw:cloud-add --driver ec2 --property region=Europe --property subnet=subnet-0123456789abcdef0"
                + " --property image=ami-0123456789abcdef0 --property zookeeper=10.0.0.5:2181 aws");
        assertTrue(region, failed(region) && region.contains("region"));
        String subnet = console("vw:cloud-add --driver ec2 --property region=eu-west-1 aws");
        assertTrue(subnet, failed(subnet) && subnet.contains("subnet"));
        String type = console("vw:cloud-add --driver ec2" + GOOD + " --property instanceType=m5.large aws");
        assertTrue(type, failed(type) && type.contains("nested"));
        String secret = console("vw:cloud-add --driver ec2" + GOOD + " --property secretAccessKey=wJalrXUtnFEMI aws");
        assertTrue(secret, failed(secret) && secret.contains("org.virtualwire.driver.ec2.cfg")
                && !secret.contains("wJalrXUtnFEMI"));
        String ok = console("vw:cloud-add --driver ec2" + GOOD + " aws");
        assertFalse(ok, failed(ok));
        admin().removeCloud(org.virtualwire.api.CloudId.of("aws"));

        out = console("feature:uninstall --no-auto-refresh " + FEATURE);
        assertFalse(out, failed(out));
        eventually(Duration.ofSeconds(60), () -> !ec2Registered(), "driver ec2 gone");
        assertForwarding("after removing the ec2 driver");
    }

    @Test
    public void overJolokiaThroughKarafsFeaturesMBean() throws Exception {
        Jolokia j = jolokia();
        j.exec(FEATURES_MBEAN, "installFeature(java.lang.String,boolean)", FEATURE, true).orFail();
        eventually(Duration.ofSeconds(60), this::ec2Registered, "driver ec2 registered");
        assertForwarding("after installing the ec2 driver over Jolokia");
        j.exec(FEATURES_MBEAN, "uninstallFeature(java.lang.String,boolean)", FEATURE, true).orFail();
        eventually(Duration.ofSeconds(60), () -> !ec2Registered(), "driver ec2 gone");
        assertForwarding("after removing the ec2 driver over Jolokia");
    }
}
