package org.virtualwire.driver.ec2;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.VirtualWireException;

/**
 * An {@code ec2} cloud's properties, checked: every error names the property at fault.
 *
 * @param region AWS region, e.g. {@code eu-west-1}
 * @param subnet the subnet (and so the VPC and availability zone) the hosts are launched in
 * @param instanceType the hosts' instance type
 * @param image an AMI id, or an SSM parameter name (starting with '/') that EC2 resolves at launch
 * @param keyName a key pair for SSH, or null
 * @param zookeeper the connect string the hosts' agents join the store with
 * @param tags extra tags on everything made
 * @param nestedVirtualization whether instances are launched with nested virtualization
 * @param gatewayPort the UDP port other clouds' gateways reach this cloud's gateway on
 * @param mtu the underlay's MTU
 * @param agentUrl where the hosts download the agent distribution from, or null
 */
record Ec2Settings(String region, String subnet, String instanceType, String image, String keyName, String zookeeper,
        Map<String, String> tags, boolean nestedVirtualization, int gatewayPort, int mtu, String agentUrl) {
    static final String DEFAULT_TYPE = "c8i.large";
    static final int DEFAULT_GATEWAY_PORT = 4889;
    /** VPC traffic between instances may use jumbo frames. */
    static final int DEFAULT_MTU = 9001;
    static final Set<String> KNOWN = Set.of("region", "subnet", "instanceType", "image", "keyName", "zookeeper",
            "tags", "nestedVirtualization", "gatewayPort", "mtu", "agentUrl");
    static final Set<String> SECRETS = Set.of("accessKeyId", "secretAccessKey", "sessionToken", "credentials");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern SSM = Pattern.compile("/[A-Za-z0-9_./-]+");
    private static final Pattern TYPE = Pattern.compile("([a-z][a-z0-9-]*)\\.([a-z0-9]+)");
    private static final Pattern ZK = Pattern.compile("[A-Za-z0-9.-]+:\\d{1,5}(,[A-Za-z0-9.-]+:\\d{1,5})*(/[A-Za-z0-9/_-]*)?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9 ._:/=+@-]{1,255}");
    /** AWS: nested virtualization is offered on these families only. */
    private static final Set<String> NESTED = Set.of("c8i", "m8i", "r8i", "c8i-flex", "m8i-flex", "r8i-flex");

    static Ec2Settings of(Cloud cloud) {
        Map<String, String> p = cloud.properties();
        String where = "cloud " + cloud.id() + ": ";
        for (String k : p.keySet()) {
            if (SECRETS.contains(k)) {
                throw new VirtualWireException(k, where + "credentials are not cloud properties (they would be stored and "
                        + "shown): put them in etc/org.virtualwire.driver.ec2.cfg as credentials." + cloud.id()
                        + ".accessKeyId/.secretAccessKey, or leave them to the AWS SDK's default chain");
            }
            if (!KNOWN.contains(k)) {
                throw new VirtualWireException(k, where + "unknown property '" + k + "' (the ec2 driver knows "
                        + String.join(", ", new java.util.TreeSet<>(KNOWN)) + ")");
            }
        }
        String region = required(p, "region", REGION, where, "an AWS region such as eu-west-1");
        String subnet = required(p, "subnet", SUBNET, where, "a subnet id such as subnet-0123456789abcdef0");
        String image = required(p, "image", null, where, "");
        if (!AMI.matcher(image).matches() && !SSM.matcher(image).matches()) {
            throw new VirtualWireException("image", where + "image '" + image + "' is neither an AMI id (ami-...) nor an "
                    + "SSM parameter name (/aws/service/...)");
        }
        String type = p.getOrDefault("instanceType", DEFAULT_TYPE).trim();
        var m = TYPE.matcher(type);
        if (!m.matches()) {
            throw new VirtualWireException("instanceType", where + "instanceType '" + type + "' is not an instance type "
                    + "such as c8i.large");
        }
        boolean nested = bool(p, "nestedVirtualization", true, where);
        if (nested && !NESTED.contains(m.group(1))) {
            throw new VirtualWireException("instanceType", where + "instanceType " + type + " cannot run nested "
                    + "virtualization (only c8i, m8i, r8i and their -flex types can): choose one, or set "
                    + "nestedVirtualization=false for hosts that run containers only");
        }
        String key = p.get("keyName");
        if (key != null && !KEY.matcher(key).matches()) {
            throw new VirtualWireException("keyName", where + "keyName '" + key + "' is not a key pair name");
        }
        String zk = required(p, "zookeeper", ZK, where, "host:port[,host:port...][/chroot] of the store the agents join");
        int port = number(p, "gatewayPort", DEFAULT_GATEWAY_PORT, 1, 65535, where);
        int mtu = number(p, "mtu", DEFAULT_MTU, 1280, 9001, where);
        String agentUrl = p.get("agentUrl");
        if (agentUrl != null && !agentUrl.matches("https?://\\S+")) {
            throw new VirtualWireException("agentUrl", where + "agentUrl '" + agentUrl + "' is not an http(s) URL");
        }
        return new Ec2Settings(region, subnet, type, image, key, zk, tags(p.get("tags"), where), nested, port, mtu,
                agentUrl);
    }

    /** @return the image as RunInstances takes it: an AMI id, or {@code resolve:ssm:<parameter>} */
    String imageId() {
        return image.startsWith("/") ? "resolve:ssm:" + image : image;
    }

    private static String required(Map<String, String> p, String name, Pattern pattern, String where, String what) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new VirtualWireException(name, where + "property " + name + " is required" + (what.isEmpty() ? ""
                    : ": " + what));
        }
        v = v.trim();
        if (pattern != null && !pattern.matcher(v).matches()) {
            throw new VirtualWireException(name, where + name + " '" + v + "' is not " + what);
        }
        return v;
    }

    private static boolean bool(Map<String, String> p, String name, boolean dflt, String where) {
        String v = p.get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.trim().equals("true") && !v.trim().equals("false")) {
            throw new VirtualWireException(name, where + name + " '" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v.trim());
    }

    private static int number(Map<String, String> p, String name, int dflt, int min, int max, String where) {
        String v = p.get(name);
        try {
            int n = v == null ? dflt : Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new VirtualWireException(name, where + name + " '" + v + "' must be a number from " + min + " to " + max);
    }

    /** {@code k=v,k2=v2}; keys starting with {@code virtualwire:} or {@code aws:} are the driver's or AWS's. */
    private static Map<String, String> tags(String text, String where) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return tags;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? "" : pair.substring(0, eq).trim();
            if (k.isEmpty() || k.startsWith(Tags.PREFIX) || k.startsWith("aws:") || k.length() > 128) {
                throw new VirtualWireException("tags", where + "tag '" + pair + "' is not key=value with a key of 1 to "
                        + "128 characters, not starting with " + Tags.PREFIX + " or aws:");
            }
            tags.put(k, pair.substring(eq + 1).trim());
        }
        return tags;
    }
}
