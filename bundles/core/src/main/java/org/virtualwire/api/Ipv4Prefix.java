package org.virtualwire.api;

/**
 * An IPv4 address with its prefix length, for example {@code 10.99.0.1/24}.
 *
 * @param address dotted quad
 * @param length prefix length, 0 to 32
 */
public record Ipv4Prefix(String address, int length) {
    /**
     * Checks the address and length, and writes the address the one way ({@code 10.99.0.01} becomes
     * {@code 10.99.0.1}): two spellings of one address must compare equal when uniqueness is checked.
     */
    public Ipv4Prefix {
        address = fromInt(toInt(address));
        if (length < 0 || length > 32) {
            throw new VirtualWireException("ip", "invalid prefix length /" + length + ": must be 0 to 32");
        }
    }

    /**
     * @param text {@code a.b.c.d/len}
     * @return the prefix
     * @throws VirtualWireException naming the field {@code ip} if malformed
     */
    public static Ipv4Prefix parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new VirtualWireException("ip", "malformed IPv4 address '" + text + "': write address/prefix, e.g. 10.99.0.1/24");
        }
        try {
            return new Ipv4Prefix(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new VirtualWireException("ip", "malformed IPv4 prefix length in '" + text + "'");
        }
    }

    /**
     * @param address dotted quad
     * @return the address as a 32-bit number
     * @throws VirtualWireException if malformed
     */
    public static int toInt(String address) {
        String[] parts = address == null ? new String[0] : address.split("\\.", -1);
        if (parts.length != 4) {
            throw new VirtualWireException("ip", "malformed IPv4 address '" + address + "'");
        }
        int value = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = p.length() > 0 && p.length() <= 3 ? Integer.parseInt(p) : -1;
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new VirtualWireException("ip", "malformed IPv4 address '" + address + "'");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /**
     * @param value a 32-bit address
     * @return dotted quad
     */
    public static String fromInt(int value) {
        return ((value >>> 24) & 0xff) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }

    /** @return the address as a 32-bit number */
    public int value() {
        return toInt(address);
    }

    /** @return the netmask as a 32-bit number */
    public int mask() {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** @return the first address of the prefix (host bits zero) */
    public int network() {
        return value() & mask();
    }

    /**
     * @param other another prefix
     * @return whether the two prefixes share an address
     */
    public boolean overlaps(Ipv4Prefix other) {
        int shorter = Math.min(length, other.length);
        int m = shorter == 0 ? 0 : -1 << (32 - shorter);
        return (value() & m) == (other.value() & m);
    }

    /**
     * @param address a 32-bit address
     * @return whether it lies in this prefix
     */
    public boolean contains(int address) {
        return (address & mask()) == network();
    }

    /**
     * Refuses what a guest's NIC must not be given, although the kernel takes some of it: a {@code /0} (which
     * claims every address for one link), an address of 0.0.0.0/8 (this host, unspecified), loopback
     * 127.0.0.0/8, multicast 224.0.0.0/4, the reserved 240.0.0.0/4 with the limited broadcast 255.255.255.255,
     * and the network and broadcast addresses of the NIC's own prefix (up to /30: a /31 and a /32 have none).
     *
     * @param nic the NIC, to name in the message
     * @throws VirtualWireException naming the field {@code ip} and the address
     */
    public void checkNicAddress(Object nic) {
        int a = value();
        int top = a >>> 24;
        String why = null;
        if (length == 0) {
            why = "a /0 prefix claims every address for one link";
        } else if (top == 0) {
            why = "0.0.0.0/8 means this host and is not an address a NIC can have";
        } else if (top == 127) {
            why = "127.0.0.0/8 is loopback";
        } else if (a == -1) {
            why = "255.255.255.255 is the limited broadcast address";
        } else if ((top & 0xf0) == 0xe0) {
            why = "224.0.0.0/4 is multicast";
        } else if ((top & 0xf0) == 0xf0) {
            why = "240.0.0.0/4 is reserved";
        } else if (length <= 30 && a == network()) {
            why = "it is the network address of " + fromInt(network()) + "/" + length;
        } else if (length <= 30 && a == (network() | ~mask())) {
            why = "it is the broadcast address of " + fromInt(network()) + "/" + length;
        }
        if (why != null) {
            throw new VirtualWireException("ip", "address " + this + " of " + nic + " cannot be given to a NIC: " + why);
        }
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
