package org.virtualwire.driver.ec2;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;

import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The {@code ec2} cloud: a host is an EC2 instance (tagged {@code virtualwire:cloud}/{@code virtualwire:host}) that
 * runs the host agent and the Linux host runtime itself; a cloud is a subnet with one security group; a gateway
 * has an Elastic IP. Everything is found by tags, so each call changes only what differs, and sweep removes only
 * what carries this appliance's {@code virtualwire:owner} tag.
 */
@Component(service = CloudDriver.class, configurationPid = "org.virtualwire.driver.ec2")
@Designate(ocd = Ec2Config.class)
public class Ec2CloudDriver implements CloudDriver {
    static final String TYPE = "ec2";
    private static final Logger LOG = LoggerFactory.getLogger(Ec2CloudDriver.class);

    private final Subnets subnets = new Subnets();
    private final SecurityGroups groups = new SecurityGroups();
    private final ElasticIps addresses = new ElasticIps();
    private final Map<String, Cloud> seen = new ConcurrentHashMap<>();
    private Ec2Clients clients;
    private Calls calls;
    private Tags tags;
    private Instances instances;

    /** For OSGi. */
    public Ec2CloudDriver() {
    }

    /** For tests: see {@link Ec2Config} for the meaning of each. */
    Ec2CloudDriver(String endpoint, String owner, Map<String, String> config, int attempts, long backoffMillis,
            Duration launchTimeout, long pollMillis) {
        init(endpoint, owner, config, attempts, backoffMillis, launchTimeout, pollMillis);
    }

    @Activate
    void activate(Ec2Config config, Map<String, Object> raw) {
        Map<String, String> strings = new HashMap<>();
        raw.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        init(config.endpoint(), config.owner(), strings, config.attempts(), config.backoffMillis(),
                Duration.ofSeconds(config.launchTimeoutSeconds()), config.pollMillis());
    }

    private void init(String endpoint, String owner, Map<String, String> config, int attempts, long backoffMillis,
            Duration launchTimeout, long pollMillis) {
        clients = new Ec2Clients(endpoint, config);
        calls = new Calls(attempts, backoffMillis);
        tags = new Tags(owner);
        instances = new Instances(launchTimeout, pollMillis);
    }

    @Deactivate
    void deactivate() {
        clients.close();
    }

    private Ec2Cloud of(Cloud cloud) {
        Ec2Settings s = Ec2Settings.of(cloud);
        seen.put(cloud.id().name(), cloud);
        return new Ec2Cloud(cloud.id().name(), s, clients.of(cloud.id().name(), s.region()), calls, tags);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String runtime() {
        return HostRuntime.LINUX;
    }

    /** Checks the properties only (no call to AWS): each error names the property. */
    @Override
    public void validate(Cloud cloud) {
        Ec2Settings.of(cloud);
    }

    /** Picks the next free address of the cloud's subnet (read from EC2 once), or checks the requested one. */
    @Override
    public String allocateAddress(Cloud cloud, HostId id, String requested, Set<String> taken) {
        return subnets.allocate(of(cloud), requested, taken);
    }

    /** The address must be an Elastic IP of the account in the cloud's region, not used by anything else. */
    @Override
    public void validatePublicAddress(Cloud cloud, String publicAddress) {
        Ipv4Prefix.toInt(publicAddress);
        addresses.check(of(cloud), publicAddress);
    }

    @Override
    public void ensureHost(Host host, Cloud cloud) {
        Ec2Cloud c = of(cloud);
        String group = groups.ensure(c, subnets.of(c).vpcId());
        List<Instance> found = instances.find(c, c.name(), host.id().name());
        Instance i;
        if (found.isEmpty()) {
            i = instances.launch(c, host, group);
            LOG.info("Cloud {}: launched {} for host {} ({}, {})", c.name(), i.instanceId(), host.id(),
                    c.settings().instanceType(), host.underlayAddress());
        } else {
            i = found.get(0);
            if (found.size() > 1) {
                List<String> extra = found.stream().skip(1).map(Instance::instanceId).toList();
                LOG.warn("Cloud {}: host {} had {} instances, terminating {}", c.name(), host.id(), found.size(), extra);
                instances.terminate(c, extra);
            }
        }
        InstanceStateName state = i.state().name();
        if (state == InstanceStateName.STOPPED || state == InstanceStateName.STOPPING) {
            throw new org.virtualwire.api.VirtualWireException("ec2", "cloud " + c.name() + ": instance "
                    + i.instanceId() + " of host " + host.id() + " is " + state + ": start it, or remove the host");
        }
        if (state != InstanceStateName.RUNNING) {
            i = instances.awaitRunning(c, i.instanceId());
        }
        instances.forward(c, i);
        if (host.gateway()) {
            addresses.attach(c, host, i.instanceId());
        }
    }

    /** Terminates the host's instance, releases its Elastic IP; the last host of a cloud takes the group along. */
    @Override
    public void releaseHost(Host host, Cloud cloud) {
        Ec2Cloud c = of(cloud);
        addresses.owned(c, c.name()).stream().filter(a -> host.id().name().equals(Tags.get(a.tags(), Tags.HOST)))
                .forEach(a -> addresses.release(c, a));
        List<String> ids = instances.find(c, c.name(), host.id().name()).stream().map(Instance::instanceId).toList();
        instances.terminate(c, ids);
        LOG.info("Cloud {}: host {} released (terminated {})", c.name(), host.id(), ids);
        if (instances.find(c, c.name(), null).isEmpty()) {
            removeGroup(c);
        }
    }

    /** Deletes the cloud's group once its last instances have terminated (AWS refuses before). */
    private void removeGroup(Ec2Cloud c) {
        var group = groups.find(c);
        if (group.isEmpty()) {
            return;
        }
        List<String> terminating = instances.holding(c, c.name());
        if (!terminating.isEmpty() && !instances.awaitGone(c, terminating)) {
            LOG.warn("Cloud {}: instances {} still terminating; security group {} is left for the next sweep",
                    c.name(), terminating, group.get().groupId());
            return;
        }
        groups.delete(c, group.get().groupId());
    }

    /**
     * Admits exactly these other clouds' gateways on this cloud's gateway port. Proposed for {@link CloudDriver}
     * (the core knows every cloud's gateways; the driver does not); until then, callers that know them call it.
     *
     * @param cloud one of this driver's clouds
     * @param gatewayAddresses public addresses of the other clouds' gateways
     */
    public void allowGateways(Cloud cloud, Set<String> gatewayAddresses) {
        groups.allowGateways(of(cloud), gatewayAddresses);
    }

    /**
     * Terminates instances, releases Elastic IPs and deletes groups that carry this appliance's owner tag but no
     * desired host, in every region of the clouds this driver has seen since it started.
     */
    @Override
    public void sweep(Collection<Host> desired) {
        new Sweep(instances, addresses, this::removeGroup).run(regions(), desired);
    }

    private Collection<Ec2Cloud> regions() {
        Map<String, Ec2Cloud> byRegion = new HashMap<>();
        for (Cloud cloud : seen.values()) {
            Ec2Cloud c = of(cloud);
            byRegion.putIfAbsent(c.settings().region(), c);
        }
        return byRegion.values();
    }

    /** The host's devices live in the instance's own namespace, where its agent runs. */
    @Override
    public String netns(Host host) {
        return null;
    }

    @Override
    public int underlayMtu(Cloud cloud) {
        return Ec2Settings.of(cloud).mtu();
    }
}
