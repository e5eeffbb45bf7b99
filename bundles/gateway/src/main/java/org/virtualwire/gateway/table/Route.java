package org.virtualwire.gateway.table;

import org.virtualwire.gateway.stats.Tally;

/**
 * Where frames of one wire from one sender go.
 *
 * @param vni the wire's VNI
 * @param to one destination, or two while a wire end is dual-homed; never empty
 * @param tally the wire's counters
 */
public record Route(int vni, Destination[] to, Tally tally) {
}
