package org.virtualwire.api;

/**
 * A wire's number, which is also its VXLAN network identifier (24 bits, 1 to 16777215).
 *
 * @param vni the number
 */
public record WireId(int vni) implements Comparable<WireId> {
    /** Largest VNI that 24 bits hold. */
    public static final int MAX_VNI = 0xFFFFFF;

    /** Checks the range. */
    public WireId {
        if (vni < 1 || vni > MAX_VNI) {
            throw new VirtualWireException("wire", "invalid wire id " + vni + ": must be 1 to " + MAX_VNI);
        }
    }

    /**
     * @param text a decimal wire id
     * @return the id
     * @throws VirtualWireException if the text is not a number in range
     */
    public static WireId parse(String text) {
        try {
            return new WireId(Integer.parseInt(text.trim()));
        } catch (NumberFormatException | NullPointerException e) {
            throw new VirtualWireException("wire", "invalid wire id '" + text + "': must be a number 1 to " + MAX_VNI);
        }
    }

    @Override
    public int compareTo(WireId o) {
        return Integer.compare(vni, o.vni);
    }

    @Override
    public String toString() {
        return Integer.toString(vni);
    }
}
