package org.virtualwire.spi;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.WireId;

/**
 * One direction of a wire whose two ends are on the same host: frames from {@code a} go to {@code b}, with
 * no tunnel. A wire inside one host has two, one each way.
 *
 * @param wire the wire
 * @param a the end whose frames are sent
 * @param b the end that receives them
 */
public record LocalLink(WireId wire, Endpoint a, Endpoint b) {
}
