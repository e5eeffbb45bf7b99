package org.virtualwire.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.testing.CloudView.Group;
import org.virtualwire.testing.CloudView.Instance;
import org.virtualwire.testing.CloudView.PublicAddress;
import org.virtualwire.testing.CloudView.Rule;

/**
 * What every remote cloud driver (EC2, OpenStack, ...) does, checked through what the cloud itself reports
 * ({@link CloudView}), whatever serves the cloud: a fake, an emulator or the real thing. Each backend's test extends
 * this class. Hosts are made with {@link CloudDriver#ensureHost}, removed with {@link CloudDriver#releaseHost} and
 * {@link CloudDriver#sweep}; "tagged" means carrying this appliance's marks ({@link #ours}).
 */
public abstract class CloudDriverContract {
    /** UDP port of the hosts' VXLAN devices, which the cloud's members reach each other on. */
    protected static final int VXLAN_PORT = 4789;

    /** @return the driver under test */
    protected abstract CloudDriver driver();

    /** @return the cloud as its API reports it */
    protected abstract CloudView view();

    /**
     * @param name a cloud name
     * @return a valid cloud of the driver's type with that name
     */
    protected abstract Cloud cloud(String name);

    /** @return properties (name to a bad value) that {@link CloudDriver#validate} must refuse, naming each */
    protected abstract Map<String, String> badProperties();

    /**
     * @param tags a resource's tags
     * @return whether they mark it as this appliance's (driver's owner)
     */
    protected abstract boolean ours(Map<String, String> tags);

    /** @return the tag that names the cloud of a resource */
    protected abstract String cloudTag();

    /** @return the tag that names the host of a resource */
    protected abstract String hostTag();

    /** @return text the agent's user data contains (e.g. the command that starts the agent) */
    protected abstract String agentMarker();

    /** @return whether the driver requests nested virtualization for {@link #cloud}'s hosts */
    protected abstract boolean nestedVirtualization();

    /**
     * @param cloud a cloud
     * @return the UDP port its gateway receives other clouds' gateways on
     */
    protected abstract int gatewayPort(Cloud cloud);

    /**
     * Tells the driver which other clouds' gateways there are (proposed SPI addition; not yet in {@link CloudDriver}).
     *
     * @param cloud one of the driver's clouds
     * @param addresses public addresses of the other clouds' gateways
     * @throws Exception if the cloud refused
     */
    protected abstract void allowPeerGateways(Cloud cloud, Set<String> addresses) throws Exception;

    private final Map<String, Host> made = new HashMap<>();

    /** Releases what a test left, then lets the backend clean what it made itself, then {@link #closeBackend()}. */
    @AfterEach
    void releaseAll() throws Exception {
        if (view() == null) {
            closeBackend();
            return;
        }
        view().faults().ifPresent(CloudView.Faults::clear);
        try {
            driver().sweep(List.of());
        } finally {
            try {
                view().cleanUp();
            } finally {
                closeBackend();
            }
        }
    }

    /** Called after each test's clean-up (JUnit runs a subclass's {@code @AfterEach} before this class's). */
    protected void closeBackend() {
    }

    protected Host host(Cloud cloud, String name, String publicAddress) {
        HostId id = HostId.of(name);
        Set<String> taken = made.values().stream().map(Host::underlayAddress).collect(Collectors.toSet());
        String address = driver().allocateAddress(cloud, id, null, taken);
        if (publicAddress != null) {
            driver().validatePublicAddress(cloud, publicAddress);
        }
        Host h = new Host(id, cloud.id(), address, publicAddress);
        made.put(name, h);
        return h;
    }

    protected List<Instance> ourInstances() {
        return view().instances().stream().filter(i -> ours(i.tags())).toList();
    }

    protected Instance instanceOf(Host host) {
        List<Instance> found = ourInstances().stream()
                .filter(i -> host.id().name().equals(i.tags().get(hostTag()))
                        && host.cloud().name().equals(i.tags().get(cloudTag())))
                .toList();
        assertEquals(1, found.size(), "instances of host " + host.id() + ": " + found);
        return found.get(0);
    }

    private Group groupOf(Cloud cloud) {
        List<Group> found = view().groups().stream()
                .filter(g -> ours(g.tags()) && cloud.id().name().equals(g.tags().get(cloudTag()))).toList();
        assertEquals(1, found.size(), "security groups of cloud " + cloud.id() + ": " + found);
        return found.get(0);
    }

    @Test
    public void validateNamesTheBadProperty() {
        driver().validate(cloud("good"));
        badProperties().forEach((property, value) -> {
            Map<String, String> p = new HashMap<>(cloud("bad").properties());
            p.put(property, value);
            Cloud bad = new Cloud(cloud("bad").id(), cloud("bad").driver(), p);
            VirtualWireException e = assertThrows(VirtualWireException.class, () -> driver().validate(bad),
                    property + "=" + value);
            assertTrue(property.equals(e.field()) || e.getMessage().contains(property),
                    "the error names " + property + ": " + e.field() + ": " + e.getMessage());
        });
    }

    @Test
    public void oneTaggedInstancePerHostWithTheAgentsUserData() throws Exception {
        Cloud c = cloud("ca");
        Host h1 = host(c, "h1", null);
        Host h2 = host(c, "h2", null);
        driver().ensureHost(h1, c);
        driver().ensureHost(h2, c);
        for (Host h : List.of(h1, h2)) {
            Instance i = instanceOf(h);
            assertEquals(h.underlayAddress(), i.privateAddress(), "the instance has the host's underlay address");
            assertNotNull(i.userData(), "user data of " + i.id());
            assertTrue(i.userData().contains(agentMarker()), "user data starts the agent: " + i.userData());
            assertTrue(i.userData().contains(h.id().name()), "user data names the host");
            if (nestedVirtualization() && i.nestedVirtualization() != null) {
                assertTrue(i.nestedVirtualization(), "nested virtualization requested for " + i.id());
            }
            assertTrue(i.groups().contains(groupOf(c).id()), "the instance is in its cloud's security group");
        }
        assertEquals(2, ourInstances().size());
    }

    @Test
    public void underlayRulesAdmitMembersAndOtherGatewaysOnly() throws Exception {
        Cloud c = cloud("cb");
        Host gw = host(c, "gw", view().reservePublicAddress());
        Host h1 = host(c, "h1", null);
        driver().ensureHost(gw, c);
        driver().ensureHost(h1, c);
        allowPeerGateways(c, Set.of("203.0.113.7", "203.0.113.9"));
        Group g = groupOf(c);
        assertEquals(Set.of(new Rule("udp", VXLAN_PORT, VXLAN_PORT, g.id()),
                new Rule("udp", gatewayPort(c), gatewayPort(c), "203.0.113.7/32"),
                new Rule("udp", gatewayPort(c), gatewayPort(c), "203.0.113.9/32")), Set.copyOf(g.rules()));
        allowPeerGateways(c, Set.of("203.0.113.9"));
        assertEquals(Set.of(new Rule("udp", VXLAN_PORT, VXLAN_PORT, g.id()),
                new Rule("udp", gatewayPort(c), gatewayPort(c), "203.0.113.9/32")), Set.copyOf(groupOf(c).rules()),
                "a gateway that went is no longer admitted");
        assertFalse(instanceOf(gw).sourceDestCheck(), "the gateway forwards: source/destination check off");
    }

    @Test
    public void theGatewayHasItsPublicAddress() throws Exception {
        Cloud c = cloud("cc");
        Host gw = host(c, "gw", view().reservePublicAddress());
        driver().ensureHost(gw, c);
        Instance i = instanceOf(gw);
        assertEquals(gw.publicAddress(), i.publicAddress());
        PublicAddress a = view().addresses().stream().filter(x -> gw.publicAddress().equals(x.address())).findFirst()
                .orElseThrow();
        assertEquals(i.id(), a.instanceId());
        assertTrue(ours(a.tags()), "the address carries the appliance's tags: " + a.tags());
    }

    @Test
    public void ensuringTwiceChangesNothing() throws Exception {
        Cloud c = cloud("cd");
        Host gw = host(c, "gw", view().reservePublicAddress());
        Host h1 = host(c, "h1", null);
        driver().ensureHost(gw, c);
        driver().ensureHost(h1, c);
        List<Instance> before = ourInstances();
        List<Group> groups = view().groups();
        List<PublicAddress> addresses = view().addresses();
        driver().ensureHost(gw, c);
        driver().ensureHost(h1, c);
        assertEquals(ids(before), ids(ourInstances()));
        assertEquals(groups.stream().map(Group::id).collect(Collectors.toSet()),
                view().groups().stream().map(Group::id).collect(Collectors.toSet()));
        assertEquals(Set.copyOf(addresses), Set.copyOf(view().addresses()));
    }

    private static Set<String> ids(List<Instance> instances) {
        return instances.stream().map(Instance::id).collect(Collectors.toSet());
    }

    @Test
    public void sweepRemovesOnlyTaggedLeftovers() throws Exception {
        Cloud c = cloud("ce");
        Host h1 = host(c, "h1", null);
        driver().ensureHost(h1, c);
        String leftover = view().leaveTaggedInstance(c.id().name(), "h9");
        String foreign = view().startUntaggedInstance();
        driver().sweep(List.of(h1));
        Set<String> left = view().instances().stream().map(Instance::id).collect(Collectors.toSet());
        assertFalse(left.contains(leftover), "the tagged leftover is gone");
        assertTrue(left.contains(foreign), "the untagged instance is untouched");
        assertTrue(left.contains(instanceOf(h1).id()), "the desired host stays");
    }

    @Test
    public void releaseLeavesNothingTagged() throws Exception {
        Cloud c = cloud("cf");
        Host gw = host(c, "gw", view().reservePublicAddress());
        Host h1 = host(c, "h1", null);
        driver().ensureHost(gw, c);
        driver().ensureHost(h1, c);
        driver().releaseHost(h1, c);
        driver().releaseHost(gw, c);
        assertEquals(List.of(), ourInstances());
        assertEquals(List.of(), view().groups().stream().filter(g -> ours(g.tags())).toList());
        assertEquals(List.of(), view().addresses().stream().filter(a -> ours(a.tags())).toList());
        assertFalse(view().addresses().stream().anyMatch(a -> gw.publicAddress().equals(a.address())),
                "the gateway's address is released");
    }

    @Test
    public void throttlingIsRetriedThenReported() throws Exception {
        assumeTrue(view().faults().isPresent(), "this backend injects no faults");
        Cloud c = cloud("cg");
        Host h1 = host(c, "h1", null);
        view().faults().get().throttle("RunInstances", 2);
        driver().ensureHost(h1, c);
        instanceOf(h1);
        Host h2 = host(c, "h2", null);
        view().faults().get().throttle("*", 1000);
        Exception e = assertThrows(Exception.class, () -> driver().ensureHost(h2, c));
        assertTrue(String.valueOf(e.getMessage()).contains("RequestLimitExceeded"), e.toString());
    }

    @Test
    public void capacityErrorsSurfaceWithNothingLeaked() throws Exception {
        assumeTrue(view().faults().isPresent(), "this backend injects no faults");
        Cloud c = cloud("ch");
        Host h1 = host(c, "h1", null);
        view().faults().get().noCapacity();
        Exception e = assertThrows(Exception.class, () -> driver().ensureHost(h1, c));
        assertTrue(String.valueOf(e.getMessage()).contains("InsufficientInstanceCapacity"), e.toString());
        assertEquals(List.of(), ourInstances());
        driver().ensureHost(h1, c);
        instanceOf(h1);
    }
}
