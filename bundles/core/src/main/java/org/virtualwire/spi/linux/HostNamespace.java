package org.virtualwire.spi.linux;

import org.virtualwire.api.HostId;

/**
 * The one rule by which a Linux host's network namespace is named, shared by the driver that makes the namespace
 * (the local cloud's) and the Linux host runtime that runs guests in it: both are configured with the same
 * namespace prefix ({@code namespacePrefix} of PIDs {@code org.virtualwire.driver.local} and
 * {@code org.virtualwire.host.linux}, both set from {@code VW_PREFIX} by {@code run.sh}).
 */
public final class HostNamespace {
    private HostNamespace() {
    }

    /**
     * @param prefix the namespace prefix, e.g. {@code vw-}
     * @param host a host
     * @return the name of its namespace, e.g. {@code vw-h-h1}
     */
    public static String of(String prefix, HostId host) {
        return prefix + "h-" + host.name();
    }
}
