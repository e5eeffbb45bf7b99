package org.virtualwire.driver.ec2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.virtualwire.testing.CloudView;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The contract's view of an EC2 (the fake, an emulator or AWS), read through the SDK as any EC2 client would. It sees
 * what carries the driver's owner tag or the test's own tag ({@code virtualwire-test}), so that on a real account it
 * neither lists nor touches anything else.
 */
final class SdkCloudView implements CloudView {
    static final String TEST_TAG = "virtualwire-test";

    private final Ec2Client ec2;
    private final String owner;
    private final String subnet;
    private final String image;
    private final String type;
    private final FakeEc2 fake;
    private final LongSupplier calls;
    private final List<String> reserved = new ArrayList<>();
    private final List<String> foreign = new ArrayList<>();

    SdkCloudView(Ec2Client ec2, String owner, String subnet, String image, String type, FakeEc2 fake) {
        this.ec2 = ec2;
        this.owner = owner;
        this.subnet = subnet;
        this.image = image;
        this.type = type;
        this.fake = fake;
        this.calls = fake == null ? () -> -1 : () -> fake.calls().size();
    }

    private boolean visible(List<Tag> tags) {
        return owner.equals(Tags.get(tags, Tags.OWNER)) || owner.equals(Tags.get(tags, TEST_TAG));
    }

    private static Map<String, String> map(List<Tag> tags) {
        Map<String, String> m = new HashMap<>();
        tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    @Override
    public List<Instance> instances() {
        return ec2.describeInstances(r -> r.filters(Tags.filter("instance-state-name", "pending", "running", "stopping",
                "stopped"))).reservations().stream().flatMap(r -> r.instances().stream()).filter(i -> visible(i.tags()))
                .map(i -> {
                    String ud = ec2.describeInstanceAttribute(r -> r.instanceId(i.instanceId())
                            .attribute(InstanceAttributeName.USER_DATA)).userData().value();
                    String nested = i.cpuOptions() == null ? null : i.cpuOptions().nestedVirtualizationAsString();
                    return new Instance(i.instanceId(), i.state().nameAsString(), map(i.tags()), i.privateIpAddress(),
                            i.publicIpAddress(), ud == null ? null : new String(Base64.getDecoder().decode(ud),
                                    StandardCharsets.UTF_8), nested == null ? null : nested.equals("enabled"),
                            !Boolean.FALSE.equals(i.sourceDestCheck()),
                            i.securityGroups().stream().map(g -> g.groupId()).toList());
                }).toList();
    }

    @Override
    public List<Group> groups() {
        return ec2.describeSecurityGroups(r -> r.filters(Tags.filter("tag:" + Tags.OWNER, owner))).securityGroups()
                .stream().map(g -> new Group(g.groupId(), map(g.tags()), rules(g.ipPermissions()))).toList();
    }

    private static List<Rule> rules(List<IpPermission> perms) {
        List<Rule> rules = new ArrayList<>();
        for (IpPermission p : perms) {
            p.userIdGroupPairs().forEach(g -> rules.add(new Rule(p.ipProtocol(), p.fromPort(), p.toPort(), g.groupId())));
            p.ipRanges().forEach(r -> rules.add(new Rule(p.ipProtocol(), p.fromPort(), p.toPort(), r.cidrIp())));
        }
        return rules;
    }

    @Override
    public List<PublicAddress> addresses() {
        return ec2.describeAddresses().addresses().stream().filter(a -> visible(a.tags())
                || reserved.contains(a.allocationId())).map(a -> new PublicAddress(a.allocationId(), a.publicIp(),
                        a.instanceId(), map(a.tags()))).toList();
    }

    @Override
    public String reservePublicAddress() {
        var a = ec2.allocateAddress(r -> r.domain("vpc"));
        reserved.add(a.allocationId());
        return a.publicIp();
    }

    @Override
    public String leaveTaggedInstance(String cloud, String host) {
        return launch(Map.of(Tags.OWNER, owner, Tags.CLOUD, cloud, Tags.HOST, host));
    }

    @Override
    public String startUntaggedInstance() {
        String id = launch(Map.of(TEST_TAG, owner));
        foreign.add(id);
        return id;
    }

    private String launch(Map<String, String> tags) {
        List<Tag> list = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        return ec2.runInstances(r -> r.imageId(image).instanceType(type).minCount(1).maxCount(1).subnetId(subnet)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(list).build()))
                .instances().get(0).instanceId();
    }

    @Override
    public void cleanUp() {
        if (!foreign.isEmpty()) {
            ec2.terminateInstances(r -> r.instanceIds(foreign));
            foreign.clear();
        }
        for (String id : reserved) {
            ec2.describeAddresses().addresses().stream().filter(a -> id.equals(a.allocationId())).forEach(a -> {
                if (a.associationId() != null) {
                    ec2.disassociateAddress(r -> r.associationId(a.associationId()));
                }
                ec2.releaseAddress(r -> r.allocationId(id));
            });
        }
        reserved.clear();
    }

    @Override
    public long calls() {
        return calls.getAsLong();
    }

    @Override
    public Optional<Faults> faults() {
        if (fake == null) {
            return Optional.empty();
        }
        return Optional.of(new Faults() {
            @Override
            public void throttle(String action, int times) {
                fake.throttle(action, times);
            }

            @Override
            public void noCapacity() {
                fake.noCapacity();
            }

            @Override
            public void clear() {
                fake.clearFaults();
            }
        });
    }
}
