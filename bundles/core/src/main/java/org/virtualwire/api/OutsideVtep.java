package org.virtualwire.api;

/**
 * The far end of a wire that VirtualWire does not manage: a VXLAN tunnel endpoint (a hardware switch, a Linux
 * host's {@code vxlan} device, another appliance) at an underlay address, with its VNI. Written
 * {@code vxlan:198.18.0.200/7}.
 *
 * @param address the outside VTEP's IPv4 address, which the guest's host sends the wire's frames to and takes
 *        them only from
 * @param vni the VXLAN network identifier both sides use for this wire, 1 to 16777215; it is also the wire's id,
 *        so it must lie outside the VNIs the appliance hands out itself ({@code vni.min}..{@code vni.max})
 * @param anchor the address the outside VTEP sends to: a fixed underlay address of its own that stays with the
 *        guest's near end wherever the guest runs (null until the controller gives it one)
 */
public record OutsideVtep(String address, int vni, String anchor) {
    /** The prefix of the written form. */
    public static final String PREFIX = "vxlan:";

    /** Checks the address and VNI; the anchor, when given, must be an address too. */
    public OutsideVtep {
        address = checkAddress("VTEP address", address);
        if (vni < 1 || vni > WireId.MAX_VNI) {
            throw new VirtualWireException("vni", "invalid VNI " + vni + " of outside VTEP " + address + ": must be 1 to "
                    + WireId.MAX_VNI);
        }
        anchor = anchor == null ? null : checkAddress("anchor address", anchor);
    }

    /**
     * @param text {@code vxlan:ADDRESS/VNI}
     * @return whether the text names an outside VTEP rather than an endpoint {@code guest/nic}
     */
    public static boolean isOutside(String text) {
        return text != null && text.trim().startsWith(PREFIX);
    }

    /**
     * @param text {@code vxlan:ADDRESS/VNI}, e.g. {@code vxlan:198.18.0.200/7}
     * @return the outside VTEP, without an anchor
     * @throws VirtualWireException naming what is wrong
     */
    public static OutsideVtep parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (!t.startsWith(PREFIX) || slash < 0 || slash != t.lastIndexOf('/')) {
            throw new VirtualWireException("endpoint", "invalid outside VTEP '" + text
                    + "': write vxlan:ADDRESS/VNI, e.g. vxlan:198.18.0.200/7");
        }
        String vni = t.substring(slash + 1);
        int number;
        try {
            number = Integer.parseInt(vni);
        } catch (NumberFormatException e) {
            throw new VirtualWireException("vni", "invalid VNI '" + vni + "' in '" + text + "': must be a number 1 to "
                    + WireId.MAX_VNI);
        }
        return new OutsideVtep(t.substring(PREFIX.length(), slash), number, null);
    }

    /**
     * @param anchorAddress the near end's fixed address
     * @return this VTEP with that anchor
     */
    public OutsideVtep withAnchor(String anchorAddress) {
        return new OutsideVtep(address, vni, anchorAddress);
    }

    private static String checkAddress(String what, String text) {
        String a = Ipv4Prefix.fromInt(Ipv4Prefix.toInt(text == null ? null : text.trim()));
        int top = Ipv4Prefix.toInt(a) >>> 24;
        if (top == 0 || top == 127 || top >= 224) {
            throw new VirtualWireException("endpoint", "invalid " + what + " " + a
                    + ": must be a unicast address (not 0.0.0.0/8, loopback, multicast or reserved)");
        }
        return a;
    }

    /** @return {@code vxlan:ADDRESS/VNI} */
    @Override
    public String toString() {
        return PREFIX + address + "/" + vni;
    }
}
