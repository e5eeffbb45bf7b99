package org.virtualwire.driver.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the local cloud driver, PID {@code org.virtualwire.driver.local}. */
@ObjectClassDefinition(id = "org.virtualwire.driver.local", name = "VirtualWire local cloud driver")
@interface LocalConfig {
    /** @return prefix of every network namespace the driver makes; the Linux host runtime's must be the same */
    @AttributeDefinition(description = "Prefix of every network namespace the driver makes (the same as the Linux "
            + "host runtime's, PID org.virtualwire.host.linux)")
    String namespacePrefix() default "vw-";

    /** @return whether a clean stop removes every host namespace (for tests and demos) instead of keeping traffic flowing */
    @AttributeDefinition(description = "Remove every host and underlay namespace on a clean stop instead of keeping "
            + "the data plane forwarding")
    boolean teardownOnStop() default false;
}
