package org.virtualwire.api;

/**
 * The name of a guest: 1 to 15 characters a-z, 0-9 and '-'.
 *
 * @param name the guest's name
 */
public record GuestId(String name) implements Comparable<GuestId> {
    /** Checks the name. */
    public GuestId {
        Names.check("guest", name);
    }

    /**
     * @param name a guest name
     * @return its id
     * @throws VirtualWireException if the name is malformed
     */
    public static GuestId of(String name) {
        return new GuestId(name);
    }

    @Override
    public int compareTo(GuestId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
