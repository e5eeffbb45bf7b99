package org.virtualwire.api;

/**
 * An IPv4 address with its prefix length, for example {@code 10.99.0.1/24}.
 *
 * @param address dotted quad
 * @param length prefix length, 0 to 32
 */
public record Ipv4Prefix(String address, int length) {
    /** Checks the address and length. */
    public Ipv4Prefix {
        toInt(address);
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

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
