package org.virtualwire.spi;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.WireId;

/**
 * A wire whose two ends are on the same host: it needs no tunnel, only a direct link.
 *
 * @param wire the wire
 * @param a one end
 * @param b the other end
 */
public record LocalLink(WireId wire, Endpoint a, Endpoint b) {
}
