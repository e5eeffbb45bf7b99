package org.virtualwire.jmx;

/** Topology documents over JMX. */
public interface TopologyMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=topology,name=default";

    /**
     * Creates what the YAML document lists and is missing, removes what it no longer lists.
     *
     * @param yamlText the document
     * @return what was created and removed
     * @throws IllegalArgumentException with the line and field at fault; nothing changed then
     */
    TopologyChanges apply(String yamlText);

    /** @return the current topology as a YAML document that {@link #apply} reads */
    String export();
}
