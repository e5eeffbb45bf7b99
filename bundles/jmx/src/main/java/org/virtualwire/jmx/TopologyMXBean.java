package org.virtualwire.jmx;

/** Topology documents over JMX. */
public interface TopologyMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=topology,name=default";

    /**
     * Creates what the YAML document lists and is missing, removes what it no longer lists.
     *
     * @param yamlText the document, at most {@code topology.max.bytes} (4 MiB) in UTF-8
     * @return what was created and removed
     * @throws IllegalArgumentException with the line and field at fault, or the limit it is over; nothing
     *     changed then
     */
    TopologyChanges apply(String yamlText);

    /**
     * Like {@link #apply}, for a topology file on the appliance's machine. Only a regular file is read (not a
     * device such as {@code /dev/zero}, a FIFO or a directory), within the same limits.
     *
     * @param path the file, absolute or relative to the appliance's working directory
     * @return what was created and removed
     * @throws IllegalArgumentException naming the file and what is wrong; nothing changed then
     */
    TopologyChanges applyFile(String path);

    /** @return the current topology as a YAML document that {@link #apply} reads */
    String export();
}
