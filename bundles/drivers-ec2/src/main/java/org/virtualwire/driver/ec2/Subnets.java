package org.virtualwire.driver.ec2;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;

import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * A cloud's subnet, read once: its VPC (for the security group) and CIDR (from which hosts get their underlay
 * addresses; AWS keeps the first four and the last address of every subnet).
 */
final class Subnets {
    private final Map<String, Subnet> known = new ConcurrentHashMap<>();

    Subnet of(Ec2Cloud c) {
        String id = c.settings().subnet();
        return known.computeIfAbsent(c.settings().region() + "/" + id, k -> {
            var found = c.calls().call("DescribeSubnets", () -> c.ec2().describeSubnets(r -> r.subnetIds(id))).subnets();
            if (found.isEmpty()) {
                throw new VirtualWireException("subnet", "cloud " + c.name() + ": subnet " + id + " does not exist in "
                        + c.settings().region());
            }
            return found.get(0);
        });
    }

    String allocate(Ec2Cloud c, String requested, Set<String> taken) {
        Ipv4Prefix cidr = Ipv4Prefix.parse(of(c).cidrBlock());
        long first = (cidr.network() & 0xffffffffL) + 4;
        long last = (cidr.network() & 0xffffffffL) + (1L << (32 - cidr.length())) - 2;
        if (requested != null) {
            long a = Ipv4Prefix.toInt(requested) & 0xffffffffL;
            if (!cidr.contains((int) a) || a < first || a > last) {
                throw new VirtualWireException("address", "address " + requested + " is not usable in subnet "
                        + c.settings().subnet() + " (" + cidr + "; AWS keeps its first four and last addresses)");
            }
            if (taken.contains(requested)) {
                throw new VirtualWireException("address", "address " + requested + " is taken");
            }
            return requested;
        }
        for (long a = first; a <= last; a++) {
            String s = Ipv4Prefix.fromInt((int) a);
            if (!taken.contains(s)) {
                return s;
            }
        }
        throw new VirtualWireException("address", "subnet " + c.settings().subnet() + " (" + cidr + ") is full");
    }
}
