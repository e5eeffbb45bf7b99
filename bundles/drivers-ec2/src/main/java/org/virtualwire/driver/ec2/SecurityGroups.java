package org.virtualwire.driver.ec2;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * One security group per cloud, tagged with the cloud: UDP {@code 4789} (VXLAN) from its own members only, and the
 * gateway's UDP port from each other cloud's gateway address (/32), nothing else in. Egress stays AWS's default
 * (everything out: the agents reach the store and download their distribution).
 */
final class SecurityGroups {
    static final int VXLAN_PORT = 4789;

    Optional<SecurityGroup> find(Ec2Cloud c) {
        return c.calls().call("DescribeSecurityGroups", () -> c.ec2().describeSecurityGroups(r -> r.filters(
                c.tags().filters(c.name(), null)))).securityGroups().stream().findFirst();
    }

    /** @return the cloud's group id, made with its members' rule if missing */
    String ensure(Ec2Cloud c, String vpcId) {
        Optional<SecurityGroup> found = find(c);
        if (found.isPresent()) {
            return found.get().groupId();
        }
        String name = "virtualwire-" + c.tags().owner() + "-" + c.name();
        String id = c.calls().call("CreateSecurityGroup", () -> c.ec2().createSecurityGroup(r -> r.groupName(name)
                .description("VirtualWire cloud " + c.name() + ": VXLAN among members, gateway port from peer gateways")
                .vpcId(vpcId).tagSpecifications(c.tags().spec(ResourceType.SECURITY_GROUP,
                        c.tags().of(c.name(), null, c.settings().tags()))))).groupId();
        IpPermission members = IpPermission.builder().ipProtocol("udp").fromPort(VXLAN_PORT).toPort(VXLAN_PORT)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(id).build()).build();
        c.calls().run("AuthorizeSecurityGroupIngress", () -> c.ec2().authorizeSecurityGroupIngress(r -> r.groupId(id)
                .ipPermissions(members)));
        return id;
    }

    /** Admits exactly these gateways on the gateway port: adds the new /32s, revokes those that went. */
    void allowGateways(Ec2Cloud c, Set<String> addresses) {
        Optional<SecurityGroup> group = find(c);
        if (group.isEmpty()) {
            return;
        }
        int port = c.settings().gatewayPort();
        Set<String> want = addresses.stream().map(a -> a + "/32").collect(Collectors.toSet());
        Set<String> have = new HashSet<>();
        for (IpPermission p : group.get().ipPermissions()) {
            if ("udp".equals(p.ipProtocol()) && p.fromPort() != null && p.fromPort() == port) {
                p.ipRanges().forEach(r -> have.add(r.cidrIp()));
            }
        }
        String id = group.get().groupId();
        Set<String> add = new HashSet<>(want);
        add.removeAll(have);
        Set<String> remove = new HashSet<>(have);
        remove.removeAll(want);
        if (!add.isEmpty()) {
            c.calls().run("AuthorizeSecurityGroupIngress", () -> c.ec2().authorizeSecurityGroupIngress(r -> r
                    .groupId(id).ipPermissions(gatewayRule(port, add))));
        }
        if (!remove.isEmpty()) {
            c.calls().run("RevokeSecurityGroupIngress", () -> c.ec2().revokeSecurityGroupIngress(r -> r
                    .groupId(id).ipPermissions(gatewayRule(port, remove))));
        }
    }

    private static IpPermission gatewayRule(int port, Set<String> cidrs) {
        List<IpRange> ranges = cidrs.stream().sorted().map(x -> IpRange.builder().cidrIp(x)
                .description("VirtualWire peer gateway").build()).toList();
        return IpPermission.builder().ipProtocol("udp").fromPort(port).toPort(port).ipRanges(ranges).build();
    }

    void delete(Ec2Cloud c, String groupId) {
        c.calls().run("DeleteSecurityGroup", () -> c.ec2().deleteSecurityGroup(r -> r.groupId(groupId)));
    }
}
