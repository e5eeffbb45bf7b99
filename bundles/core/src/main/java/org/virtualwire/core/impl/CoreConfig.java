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
}
