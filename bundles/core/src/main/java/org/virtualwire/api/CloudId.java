package org.virtualwire.api;

/**
 * The name of a cloud: 1 to 15 characters a-z, 0-9 and '-'.
 *
 * @param name the cloud's name
 */
public record CloudId(String name) implements Comparable<CloudId> {
    /** Checks the name. */
    public CloudId {
        Names.check("cloud", name);
    }

    /**
     * @param name a cloud name
     * @return its id
     * @throws VirtualWireException if the name is malformed
     */
    public static CloudId of(String name) {
        return new CloudId(name);
    }

    @Override
    public int compareTo(CloudId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
