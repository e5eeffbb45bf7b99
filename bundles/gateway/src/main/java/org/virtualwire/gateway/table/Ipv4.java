package org.virtualwire.gateway.table;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as ints, the form the forwarding table keys on. */
public final class Ipv4 {

    /** What {@link #of(InetSocketAddress)} returns for a sender that has no IPv4 address. */
    public static final long NONE = -1L;

    private Ipv4() {
    }

    /**
     * The sender's IPv4 address without allocating: {@link Inet4Address#hashCode()} is the address itself
     * (so it has been since JDK 1.0, and the JDK's own caches rely on it).
     *
     * @param address a socket address
     * @return its IPv4 address as an unsigned 32-bit value, or {@link #NONE}
     */
    public static long of(InetSocketAddress address) {
        InetAddress ip = address == null ? null : address.getAddress();
        return ip instanceof Inet4Address ? ip.hashCode() & 0xFFFFFFFFL : NONE;
    }

    /**
     * Parses a dotted-quad literal; never resolves names.
     *
     * @param literal e.g. {@code 198.18.0.1}
     * @return the address as an unsigned 32-bit value
     * @throws IllegalArgumentException if it is not a dotted-quad IPv4 literal
     */
    public static long parse(String literal) {
        String[] parts = literal == null ? new String[0] : literal.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + literal);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + literal);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + literal);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /**
     * @param literal a dotted-quad literal
     * @param port a UDP port
     * @return the socket address, resolved without any name lookup
     */
    public static InetSocketAddress socket(String literal, int port) {
        long ip = parse(literal);
        byte[] bytes = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }
}
