package org.virtualwire.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Hashtable;

import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.junit.Test;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.WireStore;

/**
 * Controllers that fail over, in the real Karaf on a ZooKeeper server the test starts: vw:cluster-status on the file
 * store (no cluster) and on ZooKeeper, the desired state carried from the file store to ZooKeeper by
 * vw:store-export / vw:store-import, a change refused with "not the leader: <id>" while another participant (the
 * test's own LeaderLatch) leads, and accepted once it is gone; the cluster MBean agrees with the command.
 */
public class ClusterStatusIT extends VirtualWireTestSupport {
    private static final String PID = "org.virtualwire.store.zookeeper";
    private static final Duration SWITCH = Duration.ofSeconds(60);
    private static final String CONNECT = "vw.it.zookeeper";
    private static final String ROOT = "/vwc";

    /** @return the Karaf under test, told where the test's ZooKeeper server is (see {@link HostZooKeeper}) */
    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), CoreOptions.systemProperty(CONNECT).value(HostZooKeeper.connect()));
    }

    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void aFollowerRefusesChangesNamingTheLeaderAndLeadsWhenItIsGone() throws Exception {
        assertTrue(console("vw:cluster-status"), console("vw:cluster-status").startsWith("No cluster: the desired state is in this appliance's file store"));
        MBeanServer jmx = service(MBeanServer.class); // the one the JMX whiteboard registers with
        ObjectName mbean = new ObjectName("org.virtualwire:type=cluster,name=default");
        eventually(SWITCH, () -> jmx.isRegistered(mbean), "the cluster MBean"); // registered by the JMX whiteboard after boot
        assertEquals("file", jmx.getAttribute(mbean, "Store"));

        String added = console("vw:cloud-add --driver local -p subnet=198.18.210.0/24 itc");
        assertTrue(added, added.contains("Cloud itc added"));
        File doc = Files.createTempFile("vw-state", ".json").toFile();
        String exported = console("vw:store-export --store file " + doc);
        assertTrue(exported, exported.startsWith("Desired state of the file store at revision "));

        featuresService.installFeature("virtualwire-zookeeper", noRefresh());
        featuresService.installFeature("virtualwire-store-zookeeper", noRefresh());
        Configuration config = configAdmin.getConfiguration(PID, "?");
        try (ZooKeeperProbe zk = new ZooKeeperProbe(System.getProperty(CONNECT))) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("connect.string", zk.connect());
            props.put("root.path", ROOT);
            props.put("controller.id", "it-appliance");
            config.update(props);
            eventually(SWITCH, () -> storeInUse().endsWith("ZooKeeperWireStore") && zk.revision(ROOT) >= 1,
                    "the wire manager's first commit on ZooKeeper");
            eventually(SWITCH, () -> console("vw:cluster-status").contains("it-appliance LEADER"), "the appliance to lead");
            String status = console("vw:cluster-status");
            assertTrue(status, status.contains("Store:       zookeeper " + zk.connect()));
            assertTrue(status, status.contains("Connection:  CONNECTED"));
            assertTrue(status, status.contains("Leader:      it-appliance"));

            String imported = console("vw:store-import " + doc);
            assertTrue(imported, imported.contains("Imported " + doc + " into the zookeeper store as revision"));
            eventually(SWITCH, () -> wires().cloud(CloudId.of("itc")).isPresent(), "the imported cloud in use");

            LeaderLatch other = new LeaderLatch(zk.client(), ROOT + "/controllers", "it-other");
            other.start();
            try {
                // the appliance joins the election again, behind the test's participant
                props.put("session.timeout.ms", 7000);
                config.update(props);
                eventually(SWITCH, other::hasLeadership, "the test's participant to lead");
                eventually(SWITCH, () -> console("vw:cluster-status").contains("it-appliance FOLLOWER"), "the appliance to follow");
                assertTrue(console("vw:cluster-status").contains("Leader:      it-other"));
                assertEquals("FOLLOWER", jmx.getAttribute(mbean, "Role"));
                assertEquals("it-other", jmx.getAttribute(mbean, "Leader"));
                String change = console("vw:cloud-add --driver local -p subnet=198.18.211.0/24 itc2");
                assertTrue(change, change.contains("Error: not the leader: it-other"));
                assertTrue("reads are served", console("vw:cloud-list").contains("itc"));
            } finally {
                other.close();
            }
            eventually(SWITCH, () -> console("vw:cluster-status").contains("it-appliance LEADER"), "the appliance to lead again");
            String accepted = console("vw:cloud-add --driver local -p subnet=198.18.211.0/24 itc2");
            assertTrue(accepted, accepted.contains("Cloud itc2 added"));
            assertEquals("LEADER", jmx.getAttribute(mbean, "Role"));
        } finally {
            config.delete();
            eventually(SWITCH, () -> storeInUse().endsWith("FileWireStore"), "the file store back");
            featuresService.uninstallFeature("virtualwire-store-zookeeper", noRefresh());
            console("vw:cloud-remove itc");
            doc.delete();
        }
    }

    /** @return the class of the highest-ranked store, the one the wire manager binds greedily */
    private String storeInUse() {
        ServiceReference<WireStore> ref = bundleContext.getServiceReference(WireStore.class);
        return ref == null ? "none" : String.valueOf(ref.getProperty("component.name"));
    }
}
