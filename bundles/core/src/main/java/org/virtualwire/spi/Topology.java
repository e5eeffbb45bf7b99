package org.virtualwire.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;

/**
 * One immutable version of the whole desired state.
 *
 * @param revision increases by one with each stored change
 * @param clouds clouds by id
 * @param hosts hosts by id
 * @param guests guests by id
 * @param endpoints endpoints by id
 * @param wires wires by id
 * @param moves guests being migrated, by guest
 */
public record Topology(long revision, Map<CloudId, Cloud> clouds, Map<HostId, Host> hosts,
        Map<GuestId, Guest> guests, Map<EndpointId, Endpoint> endpoints, Map<WireId, Wire> wires,
        Map<GuestId, Move> moves) {

    /** The empty state at revision 0. */
    public static final Topology EMPTY = new Topology(0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    /** Freezes sorted copies of the maps. */
    public Topology {
        clouds = freeze(clouds);
        hosts = freeze(hosts);
        guests = freeze(guests);
        endpoints = freeze(endpoints);
        wires = freeze(wires);
        moves = freeze(moves);
    }

    /**
     * A state without moves.
     *
     * @param revision increases by one with each stored change
     * @param clouds clouds by id
     * @param hosts hosts by id
     * @param guests guests by id
     * @param endpoints endpoints by id
     * @param wires wires by id
     */
    public Topology(long revision, Map<CloudId, Cloud> clouds, Map<HostId, Host> hosts, Map<GuestId, Guest> guests,
            Map<EndpointId, Endpoint> endpoints, Map<WireId, Wire> wires) {
        this(revision, clouds, hosts, guests, endpoints, wires, Map.of());
    }

    /**
     * @param guest a guest
     * @return the hosts its peers send to: its own host, or both hosts while it moves
     */
    public List<HostId> sendTo(GuestId guest) {
        Move move = moves.get(guest);
        return move == null ? List.of(guests.get(guest).host()) : move.sendTo();
    }

    /**
     * @param guest a guest
     * @return the host it is arriving at (prepared, not yet running there), if any
     */
    public java.util.Optional<HostId> incomingAt(GuestId guest) {
        Move move = moves.get(guest);
        return move == null || move.phase() == Move.Phase.ACTIVE ? java.util.Optional.empty()
                : java.util.Optional.of(move.to());
    }

    private static <K, V> Map<K, V> freeze(Map<K, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /**
     * @param guest a guest
     * @return its endpoints, by id
     */
    public List<Endpoint> endpointsOf(GuestId guest) {
        return endpoints.values().stream().filter(e -> e.id().guest().equals(guest)).collect(Collectors.toList());
    }

    /**
     * @param host a host
     * @return the guests on it
     */
    public List<Guest> guestsOn(HostId host) {
        return guests.values().stream().filter(g -> g.host().equals(host)).collect(Collectors.toList());
    }

    /**
     * @param endpoint an endpoint
     * @return the host it is on now
     */
    public Host hostOf(EndpointId endpoint) {
        return hosts.get(guests.get(endpoint.guest()).host());
    }
}
