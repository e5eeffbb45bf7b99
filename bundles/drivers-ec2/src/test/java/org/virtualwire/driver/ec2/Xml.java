package org.virtualwire.driver.ec2;

import java.util.Map;

/** AWS's documented EC2 response elements (API version 2016-11-15) for what the fake keeps. */
final class Xml {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private Xml() {
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String el(String name, Object value) {
        return value == null ? "" : "<" + name + ">" + esc(String.valueOf(value)) + "</" + name + ">";
    }

    static String tags(Map<String, String> tags) {
        StringBuilder out = new StringBuilder("<tagSet>");
        tags.forEach((k, v) -> out.append("<item>").append(el("key", k)).append(el("value", v)).append("</item>"));
        return out.append("</tagSet>").toString();
    }

    static String state(String name) {
        int code = switch (name) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
        return "<code>" + code + "</code><name>" + name + "</name>";
    }

    static String instance(FakeEc2State.Instance i, Map<String, FakeEc2State.Group> groups, String publicIp) {
        StringBuilder g = new StringBuilder("<groupSet>");
        for (String id : i.groups) {
            FakeEc2State.Group group = groups.get(id);
            g.append("<item>").append(el("groupId", id)).append(el("groupName", group == null ? null : group.name))
                    .append("</item>");
        }
        g.append("</groupSet>");
        return "<item>" + el("instanceId", i.id) + el("imageId", i.image) + "<instanceState>" + state(i.state)
                + "</instanceState>" + el("keyName", i.keyName) + "<amiLaunchIndex>0</amiLaunchIndex>"
                + el("instanceType", i.type) + "<launchTime>2026-12-08T00:00:00.000Z</launchTime>"
                + "<placement><availabilityZone>eu-west-1a</availabilityZone><tenancy>default</tenancy></placement>"
                + el("subnetId", i.subnet) + el("vpcId", FakeEc2State.VPC) + el("privateIpAddress", i.privateIp)
                + el("ipAddress", publicIp) + el("sourceDestCheck", i.sourceDestCheck) + g
                + (i.state.equals("terminated") ? "<stateReason><code>Client.UserInitiatedShutdown</code><message>"
                        + "Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>" : "")
                + "<architecture>x86_64</architecture>" + tags(i.tags)
                + "<cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore>"
                + el("nestedVirtualization", i.nested ? "enabled" : "disabled") + "</cpuOptions></item>";
    }

    static String group(FakeEc2State.Group g) {
        StringBuilder perms = new StringBuilder("<ipPermissions>");
        for (FakeEc2State.Rule r : g.rules) {
            perms.append("<item>").append(el("ipProtocol", r.protocol())).append(el("fromPort", r.from()))
                    .append(el("toPort", r.to()));
            if (r.source().startsWith("sg-")) {
                perms.append("<groups><item><userId>123456789012</userId>").append(el("groupId", r.source()))
                        .append("</item></groups><ipRanges/>");
            } else {
                perms.append("<groups/><ipRanges><item>").append(el("cidrIp", r.source())).append("</item></ipRanges>");
            }
            perms.append("<ipv6Ranges/><prefixListIds/></item>");
        }
        perms.append("</ipPermissions>");
        return "<item><ownerId>123456789012</ownerId>" + el("groupId", g.id) + el("groupName", g.name)
                + el("groupDescription", g.description) + el("vpcId", g.vpc) + perms
                + "<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0"
                + "</cidrIp></item></ipRanges></item></ipPermissionsEgress>" + tags(g.tags) + "</item>";
    }

    static String address(FakeEc2State.Address a, Map<String, FakeEc2State.Instance> instances) {
        FakeEc2State.Instance i = a.instanceId == null ? null : instances.get(a.instanceId);
        return "<item>" + el("publicIp", a.publicIp) + el("allocationId", a.allocationId) + "<domain>vpc</domain>"
                + el("instanceId", a.instanceId) + el("associationId", a.associationId)
                + el("privateIpAddress", i == null ? null : i.privateIp) + tags(a.tags) + "</item>";
    }

    static String error(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>" + el("Code", code)
                + el("Message", message) + "</Error></Errors>" + el("RequestID", requestId) + "</Response>";
    }

}
