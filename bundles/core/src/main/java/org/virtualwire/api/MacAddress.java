package org.virtualwire.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Ethernet address in the form {@code 02:00:00:00:00:01}, lower case.
 *
 * @param text the address
 */
public record MacAddress(String text) {
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    /** Checks the form and that the address is unicast (broadcast, a multicast address, is refused by name). */
    public MacAddress {
        text = text == null ? null : text.toLowerCase(Locale.ROOT);
        if (text == null || !MAC.matcher(text).matches()) {
            throw new VirtualWireException("mac", "malformed MAC address '" + text + "': write six hex pairs, e.g. 02:00:00:00:00:01");
        }
        if (text.equals("ff:ff:ff:ff:ff:ff")) {
            throw new VirtualWireException("mac", "MAC address " + text + " is the broadcast address: a NIC needs a unicast one");
        }
        if ((Integer.parseInt(text.substring(0, 2), 16) & 1) != 0) {
            throw new VirtualWireException("mac", "MAC address " + text + " is a multicast address: a NIC needs a unicast one");
        }
    }

    /**
     * @param text the address
     * @return the parsed address
     */
    public static MacAddress parse(String text) {
        return new MacAddress(text);
    }

    /**
     * Refuses what the kernel refuses to give a NIC although the form is right: the all-zero address ("Cannot
     * assign requested address"). Checked when a NIC is asked for, not in the constructor, so that a store
     * written before the check still loads and the NIC can be removed.
     *
     * @return this address
     * @throws VirtualWireException naming the field {@code mac} and the address
     */
    public MacAddress checkAssignable() {
        if (text.equals("00:00:00:00:00:00")) {
            throw new VirtualWireException("mac", "MAC address " + text + " is all zero, which no NIC may have: "
                    + "leave it out to get a generated one");
        }
        return this;
    }

    /**
     * A locally administered address derived from a number, for NICs created without one.
     *
     * @param n a number (its low 32 bits are used)
     * @return {@code 02:76:77:xx:xx:xx}-style address
     */
    public static MacAddress local(long n) {
        return new MacAddress(String.format("02:76:%02x:%02x:%02x:%02x",
                (n >> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff));
    }

    @Override
    public String toString() {
        return text;
    }
}
