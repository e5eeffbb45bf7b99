package org.virtualwire.gateway.table;

import org.virtualwire.gateway.stats.Tally;

/**
 * One immutable version of a gateway's forwarding table: routes keyed by (sender address, VNI), separately for
 * the two sides, plus the known senders, so that a miss can tell an unknown sender from a wire it may not use.
 * The relay reads the current table once per packet; a new table replaces it whole.
 */
public final class ForwardingTable {

    /** A table that forwards nothing. */
    public static final ForwardingTable EMPTY = new ForwardingTable(-1, new LongMap.Builder<Route>().build(),
            new LongMap.Builder<Boolean>().build(), new LongMap.Builder<Route>().build(),
            new LongMap.Builder<Peer>().build(), new LongMap.Builder<Tally>().build());

    private final long revision;
    private final LongMap<Route> fromHosts;
    private final LongMap<Boolean> hosts;
    private final LongMap<Route> fromPeers;
    private final LongMap<Peer> peers;
    private final LongMap<Tally> wires;

    ForwardingTable(long revision, LongMap<Route> fromHosts, LongMap<Boolean> hosts, LongMap<Route> fromPeers,
            LongMap<Peer> peers, LongMap<Tally> wires) {
        this.revision = revision;
        this.fromHosts = fromHosts;
        this.hosts = hosts;
        this.fromPeers = fromPeers;
        this.peers = peers;
        this.wires = wires;
    }

    static long key(long ip, int vni) {
        return ip << 24 | vni;
    }

    /** @return the desired-state revision this table was built from (-1 for {@link #EMPTY}) */
    public long revision() {
        return revision;
    }

    /** @return the route of frames of {@code vni} from the host {@code ip}, or null */
    public Route fromHost(long ip, int vni) {
        return ip < 0 ? null : fromHosts.get(key(ip, vni));
    }

    /** @return whether {@code ip} is a host of this cloud with at least one route */
    public boolean isHost(long ip) {
        return ip >= 0 && hosts.get(ip) != null;
    }

    /** @return the route of frames of {@code vni} from the peer gateway {@code ip}, or null */
    public Route fromPeer(long ip, int vni) {
        return ip < 0 ? null : fromPeers.get(key(ip, vni));
    }

    /** @return the peer gateway with public address {@code ip}, or null */
    public Peer peer(long ip) {
        return ip < 0 ? null : peers.get(ip);
    }

    /** @return the counters of wire {@code vni} if the table has it, else null */
    public Tally wire(int vni) {
        return wires.get(vni);
    }

    /** @return the number of routes from hosts and from peers */
    public int size() {
        return fromHosts.size() + fromPeers.size();
    }
}
