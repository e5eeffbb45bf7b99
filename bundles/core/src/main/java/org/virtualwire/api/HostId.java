package org.virtualwire.api;

/**
 * The name of a host: 1 to 15 characters a-z, 0-9 and '-'.
 *
 * @param name the host's name
 */
public record HostId(String name) implements Comparable<HostId> {
    /** Checks the name. */
    public HostId {
        Names.check("host", name);
    }

    /**
     * @param name a host name
     * @return its id
     * @throws VirtualWireException if the name is malformed
     */
    public static HostId of(String name) {
        return new HostId(name);
    }

    @Override
    public int compareTo(HostId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
