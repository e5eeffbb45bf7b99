package org.virtualwire.driver.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.virtualwire.api.Ipv4Prefix;

/**
 * What the fake EC2 keeps: subnets, images, instances (pending until described once, shutting-down until described
 * once more, terminated ones still listed as AWS lists them for a while), security groups and their ingress rules,
 * Elastic IPs. Each action checks what AWS checks for the driver's calls and answers AWS's error codes.
 */
final class FakeEc2State {
    static final String VPC = "vpc-0f00dcafe0000001";
    static final String SUBNET = "subnet-0f00dcafe0000001";
    static final String CIDR = "10.99.0.0/24";
    static final String IMAGE = "ami-0f00dcafe0000001";
    static final String SSM_IMAGE = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    private static final Set<String> TYPES = Set.of("t3.micro", "c8i.large", "m8i.large", "r8i.large", "c8i-flex.large",
            "m8i-flex.large", "m5.large");

    static final class Instance {
        String id, type, image, subnet, privateIp, userData, keyName, state = "pending";
        boolean nested, sourceDestCheck = true;
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
    }

    record Rule(String protocol, int from, int to, String source) {
    }

    static final class Group {
        String id, name, description, vpc;
        Map<String, String> tags = new LinkedHashMap<>();
        Set<Rule> rules = new LinkedHashSet<>();
    }

    static final class Address {
        String allocationId, publicIp, instanceId, associationId;
        Map<String, String> tags = new LinkedHashMap<>();
    }

    final Map<String, Instance> instances = new LinkedHashMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, Address> addresses = new LinkedHashMap<>();
    private int next = 1;
    private int nextIp = 10;
    boolean noCapacity;

    private String id(String prefix) {
        return String.format("%s-%017x", prefix, 0xabc0000L + next++);
    }

    String describeSubnets(Query q) {
        List<String> ids = q.list("SubnetId");
        if (!ids.isEmpty() && !ids.contains(SUBNET)) {
            throw new Ec2Fault("InvalidSubnetID.NotFound", "The subnet ID '" + ids.get(0) + "' does not exist");
        }
        return "<subnetSet><item><subnetId>" + SUBNET + "</subnetId><state>available</state><vpcId>" + VPC
                + "</vpcId><cidrBlock>" + CIDR + "</cidrBlock><availableIpAddressCount>250</availableIpAddressCount>"
                + "<availabilityZone>eu-west-1a</availabilityZone></item></subnetSet>";
    }

    String runInstances(Query q) {
        String image = q.get("ImageId");
        if (image == null || !(image.equals(IMAGE) || image.equals("resolve:ssm:" + SSM_IMAGE))) {
            if (image != null && image.startsWith("resolve:ssm:")) {
                throw new Ec2Fault("InvalidParameterValue", "Unable to resolve ssm parameter " + image.substring(12));
            }
            throw new Ec2Fault(image != null && image.matches("ami-[0-9a-f]{8,17}") ? "InvalidAMIID.NotFound"
                    : "InvalidAMIID.Malformed", "The image id '[" + image + "]' does not exist");
        }
        String type = q.get("InstanceType");
        if (!TYPES.contains(type)) {
            throw new Ec2Fault("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
        }
        boolean nested = "enabled".equals(q.get("CpuOptions.NestedVirtualization"));
        if (nested && !type.matches("(c8i|m8i|r8i)(-flex)?\\..*")) {
            throw new Ec2Fault("Unsupported", "Nested virtualization is not supported for instance type " + type);
        }
        if (!SUBNET.equals(q.get("SubnetId"))) {
            throw new Ec2Fault("InvalidSubnetID.NotFound", "The subnet ID '" + q.get("SubnetId") + "' does not exist");
        }
        for (String g : q.list("SecurityGroupId")) {
            group(g);
        }
        String ip = q.get("PrivateIpAddress");
        if (ip == null) {
            ip = "10.99.0." + nextIp++;
        }
        if (!Ipv4Prefix.parse(CIDR).contains(Ipv4Prefix.toInt(ip))) {
            throw new Ec2Fault("InvalidParameterValue", "Address " + ip + " does not fall within the subnet's range");
        }
        String taken = ip;
        if (instances.values().stream().anyMatch(i -> !i.state.equals("terminated") && taken.equals(i.privateIp))) {
            throw new Ec2Fault("InvalidIPAddress.InUse", "Address " + ip + " is in use.");
        }
        if (noCapacity) {
            noCapacity = false;
            throw new Ec2Fault("InsufficientInstanceCapacity", "We currently do not have sufficient " + type
                    + " capacity in the Availability Zone you requested (eu-west-1a).", 500);
        }
        Instance i = new Instance();
        i.id = id("i");
        i.type = type;
        i.image = image;
        i.subnet = SUBNET;
        i.privateIp = ip;
        i.userData = q.get("UserData");
        i.keyName = q.get("KeyName");
        i.nested = nested;
        i.groups.addAll(q.list("SecurityGroupId"));
        i.tags.putAll(q.tags("instance"));
        instances.put(i.id, i);
        return "<reservationId>r-" + i.id.substring(2) + "</reservationId><ownerId>123456789012</ownerId><groupSet/>"
                + "<instancesSet>" + Xml.instance(i, groups, publicIp(i.id)) + "</instancesSet>";
    }

    String describeInstances(Query q) {
        List<String> ids = q.list("InstanceId");
        for (String id : ids) {
            if (!instances.containsKey(id)) {
                throw new Ec2Fault("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        Map<String, List<String>> filters = q.filters();
        StringBuilder out = new StringBuilder("<reservationSet>");
        for (Instance i : instances.values()) {
            if ((!ids.isEmpty() && !ids.contains(i.id)) || !matches(filters, i.tags, f -> switch (f) {
                case "instance-state-name" -> i.state;
                case "subnet-id" -> i.subnet;
                default -> null;
            })) {
                continue;
            }
            out.append("<item><reservationId>r-").append(i.id.substring(2)).append("</reservationId><ownerId>")
                    .append("123456789012</ownerId><groupSet/><instancesSet>")
                    .append(Xml.instance(i, groups, publicIp(i.id))).append("</instancesSet></item>");
        }
        instances.values().forEach(FakeEc2State::advance);
        return out.append("</reservationSet>").toString();
    }

    /** What AWS does in its own time: a pending instance runs, a terminating one ends. */
    private static void advance(Instance i) {
        if (i.state.equals("pending")) {
            i.state = "running";
        } else if (i.state.equals("shutting-down")) {
            i.state = "terminated";
        }
    }

    private String publicIp(String instanceId) {
        return addresses.values().stream().filter(a -> instanceId.equals(a.instanceId)).map(a -> a.publicIp)
                .findFirst().orElse(null);
    }

    String describeInstanceAttribute(Query q) {
        Instance i = instance(q.get("InstanceId"));
        String attr = q.get("Attribute");
        String value = switch (attr) {
            case "userData" -> "<userData>" + (i.userData == null ? "" : "<value>" + i.userData + "</value>") + "</userData>";
            case "sourceDestCheck" -> "<sourceDestCheck><value>" + i.sourceDestCheck + "</value></sourceDestCheck>";
            default -> throw new Ec2Fault("InvalidParameterValue", "Value (" + attr + ") for parameter attribute is invalid");
        };
        return "<instanceId>" + i.id + "</instanceId>" + value;
    }

    String modifyInstanceAttribute(Query q) {
        Instance i = instance(q.get("InstanceId"));
        if (q.get("SourceDestCheck.Value") != null) {
            i.sourceDestCheck = Boolean.parseBoolean(q.get("SourceDestCheck.Value"));
        }
        return "<return>true</return>";
    }

    String terminateInstances(Query q) {
        StringBuilder out = new StringBuilder("<instancesSet>");
        for (String id : q.list("InstanceId")) {
            Instance i = instance(id);
            String before = i.state;
            if (!i.state.equals("terminated")) {
                i.state = "shutting-down";
            }
            addresses.values().stream().filter(a -> id.equals(a.instanceId)).forEach(a -> {
                a.instanceId = null;
                a.associationId = null;
            });
            out.append("<item><instanceId>").append(id).append("</instanceId><currentState>").append(Xml.state(i.state))
                    .append("</currentState><previousState>").append(Xml.state(before)).append("</previousState></item>");
        }
        return out.append("</instancesSet>").toString();
    }

    private Instance instance(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw new Ec2Fault("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return i;
    }

    String createSecurityGroup(Query q) {
        String name = q.get("GroupName");
        if (groups.values().stream().anyMatch(g -> g.name.equals(name) && g.vpc.equals(q.get("VpcId")))) {
            throw new Ec2Fault("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '"
                    + q.get("VpcId") + "'");
        }
        if (!VPC.equals(q.get("VpcId"))) {
            throw new Ec2Fault("InvalidVpcID.NotFound", "The vpc ID '" + q.get("VpcId") + "' does not exist");
        }
        Group g = new Group();
        g.id = id("sg");
        g.name = name;
        g.description = q.get("GroupDescription");
        g.vpc = q.get("VpcId");
        g.tags.putAll(q.tags("security-group"));
        groups.put(g.id, g);
        return "<return>true</return><groupId>" + g.id + "</groupId>";
    }

    String describeSecurityGroups(Query q) {
        List<String> ids = q.list("GroupId");
        for (String id : ids) {
            group(id);
        }
        Map<String, List<String>> filters = q.filters();
        StringBuilder out = new StringBuilder("<securityGroupInfo>");
        for (Group g : groups.values()) {
            if ((ids.isEmpty() || ids.contains(g.id)) && matches(filters, g.tags, f -> switch (f) {
                case "group-name" -> g.name;
                case "vpc-id" -> g.vpc;
                default -> null;
            })) {
                out.append(Xml.group(g));
            }
        }
        return out.append("</securityGroupInfo>").toString();
    }

    String authorize(Query q, boolean add) {
        Group g = group(q.get("GroupId"));
        List<Rule> rules = rules(q);
        for (Rule r : rules) {
            if (add && g.rules.contains(r)) {
                throw new Ec2Fault("InvalidPermission.Duplicate", "the specified rule \"peer: " + r.source()
                        + ", UDP, from port: " + r.from() + ", to port: " + r.to() + ", ALLOW\" already exists");
            }
            if (!add && !g.rules.contains(r)) {
                throw new Ec2Fault("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
            }
        }
        if (add) {
            g.rules.addAll(rules);
        } else {
            rules.forEach(g.rules::remove);
        }
        return "<return>true</return>";
    }

    private static List<Rule> rules(Query q) {
        List<Rule> rules = new ArrayList<>();
        for (int n = 1; n <= q.count("IpPermissions"); n++) {
            String p = "IpPermissions." + n + ".";
            String proto = q.get(p + "IpProtocol");
            int from = Integer.parseInt(q.get(p + "FromPort"));
            int to = Integer.parseInt(q.get(p + "ToPort"));
            for (int k = 1; k <= q.count(p + "Groups"); k++) {
                rules.add(new Rule(proto, from, to, q.get(p + "Groups." + k + ".GroupId")));
            }
            for (int k = 1; k <= q.count(p + "IpRanges"); k++) {
                rules.add(new Rule(proto, from, to, q.get(p + "IpRanges." + k + ".CidrIp")));
            }
        }
        return rules;
    }

    String deleteSecurityGroup(Query q) {
        Group g = group(q.get("GroupId"));
        if (instances.values().stream().anyMatch(i -> !i.state.equals("terminated") && i.groups.contains(g.id))) {
            throw new Ec2Fault("DependencyViolation", "resource " + g.id + " has a dependent object");
        }
        groups.remove(g.id);
        return "<return>true</return>";
    }

    private Group group(String id) {
        Group g = groups.get(id);
        if (g == null) {
            throw new Ec2Fault("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
        }
        return g;
    }

    String allocateAddress(Query q) {
        Address a = new Address();
        a.allocationId = id("eipalloc");
        a.publicIp = "203.0.113." + (100 + addresses.size() + next % 100);
        a.tags.putAll(q.tags("elastic-ip"));
        addresses.put(a.allocationId, a);
        return "<publicIp>" + a.publicIp + "</publicIp><domain>vpc</domain><allocationId>" + a.allocationId
                + "</allocationId>";
    }

    String describeAddresses(Query q) {
        Map<String, List<String>> filters = q.filters();
        List<String> ips = q.list("PublicIp");
        StringBuilder out = new StringBuilder("<addressesSet>");
        for (Address a : addresses.values()) {
            if ((ips.isEmpty() || ips.contains(a.publicIp)) && matches(filters, a.tags, f -> switch (f) {
                case "public-ip" -> a.publicIp;
                case "allocation-id" -> a.allocationId;
                case "instance-id" -> a.instanceId;
                default -> null;
            })) {
                out.append(Xml.address(a, instances));
            }
        }
        return out.append("</addressesSet>").toString();
    }

    String associateAddress(Query q) {
        Address a = address(q.get("AllocationId"));
        Instance i = instance(q.get("InstanceId"));
        if (!i.state.equals("running")) {
            throw new Ec2Fault("IncorrectInstanceState", "The pending instance '" + i.id + "' is not in a valid state "
                    + "for this operation.");
        }
        if (a.instanceId != null && !"true".equals(q.get("AllowReassociation"))) {
            throw new Ec2Fault("Resource.AlreadyAssociated", "resource " + a.allocationId + " is already associated "
                    + "with associate-id " + a.associationId);
        }
        a.instanceId = i.id;
        a.associationId = id("eipassoc");
        return "<return>true</return><associationId>" + a.associationId + "</associationId>";
    }

    String disassociateAddress(Query q) {
        String assoc = q.get("AssociationId");
        Address a = addresses.values().stream().filter(x -> assoc.equals(x.associationId)).findFirst()
                .orElseThrow(() -> new Ec2Fault("InvalidAssociationID.NotFound", "The association ID '" + assoc
                        + "' does not exist"));
        a.instanceId = null;
        a.associationId = null;
        return "<return>true</return>";
    }

    String releaseAddress(Query q) {
        Address a = address(q.get("AllocationId"));
        if (a.associationId != null) {
            throw new Ec2Fault("InvalidIPAddress.InUse", "Address " + a.publicIp + " is in use.");
        }
        addresses.remove(a.allocationId);
        return "<return>true</return>";
    }

    private Address address(String id) {
        Address a = addresses.get(id);
        if (a == null) {
            throw new Ec2Fault("InvalidAllocationID.NotFound", "The allocation ID '" + id + "' does not exist");
        }
        return a;
    }

    String createTags(Query q) {
        Map<String, String> tags = q.tags(null);
        for (String id : q.list("ResourceId")) {
            if (instances.containsKey(id)) {
                instances.get(id).tags.putAll(tags);
            } else if (groups.containsKey(id)) {
                groups.get(id).tags.putAll(tags);
            } else if (addresses.containsKey(id)) {
                addresses.get(id).tags.putAll(tags);
            } else {
                throw new Ec2Fault("InvalidID", "The ID '" + id + "' is not valid");
            }
        }
        return "<return>true</return>";
    }

    /** AWS's filters: {@code tag:K} by value, {@code tag-key}, and the named attributes the caller resolves. */
    private static boolean matches(Map<String, List<String>> filters, Map<String, String> tags,
            java.util.function.Function<String, String> attribute) {
        for (var f : filters.entrySet()) {
            String name = f.getKey();
            Predicate<String> in = v -> v != null && f.getValue().contains(v);
            boolean ok;
            if (name.startsWith("tag:")) {
                ok = in.test(tags.get(name.substring(4)));
            } else if (name.equals("tag-key")) {
                ok = tags.keySet().stream().anyMatch(in);
            } else {
                ok = in.test(attribute.apply(name));
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
