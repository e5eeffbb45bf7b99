package org.virtualwire.host.linux;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the Linux host runtime, PID {@code org.virtualwire.host.linux}. Its {@code namespacePrefix} must be the
 * local driver's (PID {@code org.virtualwire.driver.local}): the runtime finds a host's namespace by it.
 */
@ObjectClassDefinition(id = "org.virtualwire.host.linux", name = "VirtualWire Linux host runtime")
@interface LinuxConfig {
    /** @return prefix of every network namespace: the guests' it makes, the hosts' its drivers make */
    @AttributeDefinition(description = "Prefix of every network namespace: of the guests the runtime makes and of the "
            + "hosts the local driver makes (the same as the driver's)")
    String namespacePrefix() default "vw-";

    /** @return whether a clean stop removes every guest (for tests and demos) instead of keeping traffic flowing */
    @AttributeDefinition(description = "Stop every VM and remove every guest namespace on a clean stop instead of "
            + "keeping the data plane forwarding")
    boolean teardownOnStop() default false;

    /** @return folder of the VM guest image (vmlinuz, initramfs.gz); blank: ${karaf.home}/guest-image */
    @AttributeDefinition(description = "Folder of the VM guest image built by scripts/guest-image.sh (vmlinuz, "
            + "initramfs.gz); blank for ${karaf.home}/guest-image", required = false)
    String guestImage() default "";
}
