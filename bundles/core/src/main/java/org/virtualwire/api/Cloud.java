package org.virtualwire.api;

import java.util.Map;

/**
 * A place that provides hosts, served by the cloud driver named {@code driver}.
 *
 * @param id the cloud's name
 * @param driver type of the driver that provisions its hosts, e.g. {@code local}
 * @param properties driver settings (for {@code local}: {@code subnet}, {@code mtu})
 */
public record Cloud(CloudId id, String driver, Map<String, String> properties) {
    /** Copies the properties. */
    public Cloud {
        properties = Map.copyOf(properties == null ? Map.of() : properties);
    }
}
