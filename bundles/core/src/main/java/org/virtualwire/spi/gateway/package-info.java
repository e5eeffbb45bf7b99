/**
 * The desired forwarding table of a cloud's gateway, and the plug-in point that computes it from the
 * desired state.
 *
 * <h2>The contract</h2>
 * Each cloud whose hosts have only private addresses has one gateway host, with one address on the cloud's
 * private underlay and one public address on the shared inter-cloud network. A wire whose two ends are in
 * different clouds runs host, own gateway, remote gateway, host:
 * <pre>
 *   h1 (cloud A) --VXLAN--&gt; gw A private   gw A public --tunnel--&gt; gw B public   gw B private --VXLAN--&gt; h2 (cloud B)
 * </pre>
 * A {@link org.virtualwire.spi.gateway.GatewayPlanner} turns one {@link org.virtualwire.spi.Topology} into a
 * {@link org.virtualwire.spi.gateway.GatewayPlan} for one cloud's gateway. The gateway forwards exactly what
 * its plan lists and drops (and counts) everything else, so the planner must list, for every wire that crosses
 * the cloud's border, both directions:
 * <ul>
 *   <li>from each host of this cloud that holds an end of the wire (or, while the end's guest moves, each host
 *       that holds it or is receiving it) to the gateway of every cloud where the other end is (one, or two
 *       while the peer moves between clouds): one {@link org.virtualwire.spi.gateway.GatewayRoute} per
 *       (host, wire) whose {@code to} names every destination, so dual-homing works through gateways too;</li>
 *   <li>from each remote gateway that carries the wire to every host of this cloud that holds (or is
 *       receiving) this cloud's end.</li>
 * </ul>
 * The wire ends on the hosts point at their own gateway's private address instead of at the peer's host (the
 * peer's host has no address they could reach). The gateway's own addresses are its configuration, not part of
 * the plan. A gateway applies each new plan atomically: a packet is forwarded by either the old or the new
 * table, never by a mix, so a planner that goes old, both, new (as the migration steps do) loses no frame.
 * On start a gateway computes its plan from the store's current state, so a restart loses no wire.
 *
 * <p>Wires with both ends in one cloud, and clouds without a gateway, give no routes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.virtualwire.spi.gateway;
