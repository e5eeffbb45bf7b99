package org.virtualwire.driver.local;

import java.util.Set;

import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;

/**
 * A cloud's underlay subnet, which must lie in 198.18.0.0/16: the benchmarking range 198.18.0.0/15, never routed,
 * less 198.19.0.0/16, the network between the clouds' gateways ({@link InterCloud#RANGE}). A gateway has an
 * address on both networks in one namespace: were they to overlap, its routes would send one's traffic to the
 * other.
 */
final class LocalSubnet {
    static final String DEFAULT = "198.18.0.0/16";
    private static final Ipv4Prefix ALLOWED = new Ipv4Prefix("198.18.0.0", 15);
    /** What guests' NICs must not use: every local cloud's underlay and the network between gateways. */
    static final Ipv4Prefix RESERVED = ALLOWED;

    private final int base;
    private final int length;

    private LocalSubnet(int base, int length) {
        this.base = base;
        this.length = length;
    }

    static LocalSubnet parse(String text) {
        Ipv4Prefix p = Ipv4Prefix.parse(text == null ? DEFAULT : text);
        int mask = mask(p.length());
        int net = Ipv4Prefix.toInt(p.address()) & mask;
        if (p.length() < ALLOWED.length() || p.length() > 30
                || (net & mask(ALLOWED.length())) != Ipv4Prefix.toInt(ALLOWED.address())) {
            throw new VirtualWireException("subnet", "subnet " + text + " must lie in " + ALLOWED
                    + " with a prefix of /15 to /30: the local cloud never uses routable addresses");
        }
        return new LocalSubnet(net, p.length());
    }

    /**
     * Like {@link #parse}, for a new cloud: also refuses a subnet that overlaps {@link InterCloud#RANGE}. Not in
     * {@link #parse}, which reads the subnets of clouds stored before this check too.
     */
    static LocalSubnet parseNew(String text) {
        LocalSubnet s = parse(text);
        if (s.prefix().overlaps(InterCloud.RANGE)) {
            throw new VirtualWireException("subnet", "subnet " + text + " overlaps " + InterCloud.RANGE
                    + ", the network between the clouds' gateways: choose one in 198.18.0.0/16");
        }
        return s;
    }

    /** @return the subnet as a prefix, e.g. {@code 198.18.1.0/24} */
    Ipv4Prefix prefix() {
        return new Ipv4Prefix(Ipv4Prefix.fromInt(base), length);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    int length() {
        return length;
    }

    boolean contains(String address) {
        return (Ipv4Prefix.toInt(address) & mask(length)) == base;
    }

    String allocate(String requested, Set<String> taken) {
        if (requested != null && !requested.isBlank()) {
            requested = Ipv4Prefix.fromInt(Ipv4Prefix.toInt(requested.trim())); // one spelling per address
            int host = Ipv4Prefix.toInt(requested) & ~mask(length);
            if (!contains(requested) || host == 0 || host == ~mask(length)) {
                throw new VirtualWireException("address", "address " + requested + " is not a host address of subnet "
                        + Ipv4Prefix.fromInt(base) + "/" + length);
            }
            if (taken.contains(requested)) {
                throw new VirtualWireException("address", "address " + requested + " is taken by another host");
            }
            return requested;
        }
        for (int i = 1; i < ~mask(length); i++) {
            String candidate = Ipv4Prefix.fromInt(base + i);
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        throw new VirtualWireException("address", "subnet " + Ipv4Prefix.fromInt(base) + "/" + length + " is full");
    }
}
