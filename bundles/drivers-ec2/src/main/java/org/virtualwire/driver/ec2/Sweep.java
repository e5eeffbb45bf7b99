package org.virtualwire.driver.ec2;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.Host;

import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * One sweep: in each region, whatever carries the owner tag and belongs to no desired host goes (instances
 * terminated, Elastic IPs released), then the groups of clouds with no desired host left.
 */
final class Sweep {
    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

    private final Instances instances;
    private final ElasticIps addresses;
    private final Consumer<Ec2Cloud> removeGroup;

    Sweep(Instances instances, ElasticIps addresses, Consumer<Ec2Cloud> removeGroup) {
        this.instances = instances;
        this.addresses = addresses;
        this.removeGroup = removeGroup;
    }

    void run(Collection<Ec2Cloud> regions, Collection<Host> desired) {
        Set<String> hosts = desired.stream().map(h -> h.cloud().name() + "/" + h.id().name()).collect(Collectors.toSet());
        Set<String> gateways = desired.stream().filter(Host::gateway).map(Host::publicAddress).collect(Collectors.toSet());
        Set<String> clouds = desired.stream().map(h -> h.cloud().name()).collect(Collectors.toSet());
        for (Ec2Cloud c : regions) {
            List<Instance> owned = instances.find(c, null, null);
            List<Instance> stale = owned.stream().filter(i -> !hosts.contains(Tags.get(i.tags(), Tags.CLOUD) + "/"
                    + Tags.get(i.tags(), Tags.HOST))).toList();
            addresses.owned(c, null).stream().filter(a -> !gateways.contains(a.publicIp())).forEach(a -> {
                LOG.info("Sweep: releasing Elastic IP {} of {}", a.publicIp(), Tags.get(a.tags(), Tags.HOST));
                addresses.release(c, a);
            });
            List<String> ids = stale.stream().map(Instance::instanceId).toList();
            if (!ids.isEmpty()) {
                LOG.info("Sweep: terminating {}: no desired host", ids);
                instances.terminate(c, ids);
            }
            var ownedGroups = c.calls().call("DescribeSecurityGroups", () -> c.ec2().describeSecurityGroups(r -> r
                    .filters(c.tags().filters(null, null)))).securityGroups();
            for (var g : ownedGroups) {
                String cloud = Tags.get(g.tags(), Tags.CLOUD);
                if (cloud != null && !clouds.contains(cloud)) {
                    Ec2Cloud of = new Ec2Cloud(cloud, c.settings(), c.ec2(), c.calls(), c.tags());
                    removeGroup.accept(of);
                }
            }
        }
    }
}
