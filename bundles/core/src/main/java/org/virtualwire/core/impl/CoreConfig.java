package org.virtualwire.core.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the wire core, PID {@code org.virtualwire.core}. */
@ObjectClassDefinition(id = "org.virtualwire.core", name = "VirtualWire core")
@interface CoreConfig {
    /** @return lowest VNI handed to a new wire */
    @AttributeDefinition(description = "Lowest VNI handed to a new wire")
    int vni_min() default 1;

    /** @return highest VNI handed to a new wire */
    @AttributeDefinition(description = "Highest VNI handed to a new wire")
    int vni_max() default 16777215;

    /** @return largest topology document, in bytes (a file's size, a text's length in UTF-8) */
    @AttributeDefinition(description = "Largest topology document, in bytes (a file's size, a text's length in UTF-8)")
    long topology_max_bytes() default 4194304;

    /** @return most items (clouds, hosts, guests, NICs and wires) in one topology document */
    @AttributeDefinition(description = "Most items (clouds, hosts, guests, NICs and wires) in one topology document")
    int topology_max_items() default 100000;

    /** @return how often each host's agent checks, without a change, that the kernel still has what it applied */
    @AttributeDefinition(description = "Seconds between two checks that each host's kernel objects are still there "
            + "(0: check on changes only)")
    int verify_interval_seconds() default 10;

    /** @return the hosts this process runs agents for, comma-separated; empty: a controller's agents */
    @AttributeDefinition(description = "Host names this process runs agents for, comma-separated (an agent process, "
            + "on the ZooKeeper store with controller = false); empty: the agents of every host whose cloud does not "
            + "say agents=process")
    String agent_hosts() default "";
}
