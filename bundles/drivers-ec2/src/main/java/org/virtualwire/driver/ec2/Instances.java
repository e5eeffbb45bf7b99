package org.virtualwire.driver.ec2;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.virtualwire.api.Host;
import org.virtualwire.api.VirtualWireException;

import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NestedVirtualizationSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * A host's instance: found by its tags, launched with the host's underlay address, the cloud's group, the agent's
 * user data and (where the cloud asks) nested virtualization; waited for; terminated.
 */
final class Instances {
    private static final List<String> ALIVE = List.of("pending", "running", "stopping", "stopped");
    private static final List<String> NOT_TERMINATED = List.of("pending", "running", "stopping", "stopped",
            "shutting-down");

    private final Duration timeout;
    private final long pollMillis;

    Instances(Duration timeout, long pollMillis) {
        this.timeout = timeout;
        this.pollMillis = pollMillis;
    }

    /** @return instances not terminated carrying the owner's tags, and the cloud's and host's when not null */
    List<Instance> find(Ec2Cloud c, String cloud, String host) {
        return find(c, cloud, host, ALIVE);
    }

    /** @return instances of the cloud that still hold on to its group (terminating ones too) */
    List<String> holding(Ec2Cloud c, String cloud) {
        return find(c, cloud, null, NOT_TERMINATED).stream().map(Instance::instanceId).toList();
    }

    private List<Instance> find(Ec2Cloud c, String cloud, String host, List<String> states) {
        var filters = new java.util.ArrayList<>(c.tags().filters(cloud, host));
        filters.add(Tags.filter("instance-state-name", states.toArray(String[]::new)));
        return c.calls().call("DescribeInstances", () -> c.ec2().describeInstances(r -> r.filters(filters)))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    Instance launch(Ec2Cloud c, Host host, String groupId) {
        Ec2Settings s = c.settings();
        var tags = c.tags().of(c.name(), host.id().name(), s.tags());
        return c.calls().call("RunInstances", () -> c.ec2().runInstances(r -> {
            r.imageId(s.imageId()).instanceType(s.instanceType()).minCount(1).maxCount(1).subnetId(s.subnet())
                    .privateIpAddress(host.underlayAddress()).securityGroupIds(groupId)
                    .userData(UserData.base64(host, s))
                    .tagSpecifications(c.tags().spec(ResourceType.INSTANCE, tags),
                            c.tags().spec(ResourceType.VOLUME, tags));
            if (s.keyName() != null) {
                r.keyName(s.keyName());
            }
            if (s.nestedVirtualization()) {
                r.cpuOptions(o -> o.nestedVirtualization(NestedVirtualizationSpecification.ENABLED));
            }
        })).instances().get(0);
    }

    /** Waits until the instance is {@code running}; a launch that ends otherwise is terminated and reported. */
    Instance awaitRunning(Ec2Cloud c, String id) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Instance i = describe(c, id);
            InstanceStateName state = i == null ? null : i.state().name();
            if (state == InstanceStateName.RUNNING) {
                return i;
            }
            if (state != InstanceStateName.PENDING || System.nanoTime() > deadline) {
                terminate(c, List.of(id));
                throw new VirtualWireException("ec2", "cloud " + c.name() + ": instance " + id + " is "
                        + (state == null ? "gone" : state.toString()) + " instead of running"
                        + (i != null && i.stateReason() != null ? " (" + i.stateReason().message() + ")" : "")
                        + " after " + timeout.toSeconds() + " s: terminated it");
            }
            sleep();
        }
    }

    Instance describe(Ec2Cloud c, String id) {
        return c.calls().call("DescribeInstances", () -> c.ec2().describeInstances(r -> r.instanceIds(id)))
                .reservations().stream().flatMap(r -> r.instances().stream()).findFirst().orElse(null);
    }

    /** The host forwards (a gateway relays, guests' traffic crosses it): turn the source/destination check off. */
    void forward(Ec2Cloud c, Instance i) {
        if (Boolean.FALSE.equals(i.sourceDestCheck())) {
            return;
        }
        c.calls().run("ModifyInstanceAttribute", () -> c.ec2().modifyInstanceAttribute(r -> r.instanceId(
                i.instanceId()).sourceDestCheck(b -> b.value(false))));
    }

    void terminate(Ec2Cloud c, Collection<String> ids) {
        if (!ids.isEmpty()) {
            c.calls().run("TerminateInstances", () -> c.ec2().terminateInstances(r -> r.instanceIds(ids)));
        }
    }

    /** Waits (up to the timeout) until none of these is alive any more; their group can then be deleted. */
    boolean awaitGone(Ec2Cloud c, Collection<String> ids) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean alive = c.calls().call("DescribeInstances", () -> c.ec2().describeInstances(r -> r.instanceIds(
                    ids))).reservations().stream().flatMap(r -> r.instances().stream())
                    .anyMatch(i -> i.state().name() != InstanceStateName.TERMINATED);
            if (!alive) {
                return true;
            }
            sleep();
        }
        return false;
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtualWireException("ec2", "interrupted while waiting for an instance");
        }
    }
}
