package org.virtualwire.gateway.table;

import java.util.function.LongFunction;

import org.virtualwire.gateway.crypto.PeerLink;
import org.virtualwire.gateway.stats.GatewayCounters;
import org.virtualwire.gateway.stats.Tally;
import org.virtualwire.spi.gateway.GatewayHop;
import org.virtualwire.spi.gateway.GatewayPeer;
import org.virtualwire.spi.gateway.GatewayPlan;
import org.virtualwire.spi.gateway.GatewayRoute;

/**
 * Turns a {@link GatewayPlan} into a {@link ForwardingTable}: addresses parsed once, destinations resolved to
 * socket addresses, each route tied to its wire's counters and each peer to its keys.
 */
public final class TableCompiler {

    private final int hostPort;
    private final boolean plainAllowed;
    private final LongFunction<PeerLink> links;
    private final GatewayCounters counters;

    /**
     * @param hostPort the UDP port of hosts' VXLAN devices
     * @param plainAllowed whether this gateway's configuration lets the plan turn encryption off for a peer
     * @param links the cryptographic link of a peer address, or null if it has no key
     * @param counters where the wires' counters live
     */
    public TableCompiler(int hostPort, boolean plainAllowed, LongFunction<PeerLink> links, GatewayCounters counters) {
        this.hostPort = hostPort;
        this.plainAllowed = plainAllowed;
        this.links = links;
        this.counters = counters;
    }

    /**
     * @param plan a plan
     * @return its table
     * @throws IllegalArgumentException if an address in it is not an IPv4 literal
     */
    public ForwardingTable compile(GatewayPlan plan) {
        LongMap.Builder<Peer> peers = new LongMap.Builder<>();
        for (GatewayPeer p : plan.peers()) {
            long ip = Ipv4.parse(p.address());
            peers.put(ip, new Peer(ip, Ipv4.socket(p.address(), p.port()), !p.sealed() && plainAllowed,
                    links.apply(ip)));
        }
        LongMap<Peer> peerMap = peers.build();

        LongMap.Builder<Route> fromHosts = new LongMap.Builder<>();
        LongMap.Builder<Boolean> hosts = new LongMap.Builder<>();
        LongMap.Builder<Route> fromPeers = new LongMap.Builder<>();
        LongMap.Builder<Tally> wires = new LongMap.Builder<>();
        for (GatewayRoute r : plan.routes()) {
            int vni = r.wire().vni();
            Tally tally = counters.wire(vni);
            wires.put(vni, tally);
            Destination[] to = r.to().stream().map(hop -> destination(hop, peerMap)).toArray(Destination[]::new);
            long from = Ipv4.parse(r.from().address());
            Route route = new Route(vni, to, tally);
            if (r.from().kind() == GatewayHop.Kind.HOST) {
                fromHosts.put(ForwardingTable.key(from, vni), route);
                hosts.put(from, Boolean.TRUE);
            } else {
                fromPeers.put(ForwardingTable.key(from, vni), route);
            }
        }
        return new ForwardingTable(plan.revision(), fromHosts.build(), hosts.build(), fromPeers.build(), peerMap,
                wires.build());
    }

    private Destination destination(GatewayHop hop, LongMap<Peer> peers) {
        if (hop.kind() == GatewayHop.Kind.HOST) {
            return new Destination(Ipv4.socket(hop.address(), hostPort), null);
        }
        Peer peer = peers.get(Ipv4.parse(hop.address()));
        return new Destination(peer.address(), peer);
    }
}
