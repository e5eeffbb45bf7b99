package org.virtualwire.store.zookeeper;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.Wire;
import org.virtualwire.spi.EntityJson;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;

/**
 * One kind of entity of the desired state and its folder: each entity is one znode under
 * {@code <root>/<folder>/<id>}, the id URL-encoded (endpoint ids hold characters a znode name may not).
 *
 * @param <V> the entity
 */
final class Kind<V> {
    static final Kind<Cloud> CLOUDS = new Kind<>("clouds", Topology::clouds, c -> c.id().name(), EntityJson::cloud, EntityJson::cloud);
    static final Kind<Host> HOSTS = new Kind<>("hosts", Topology::hosts, h -> h.id().name(), EntityJson::host, EntityJson::host);
    static final Kind<Guest> GUESTS = new Kind<>("guests", Topology::guests, g -> g.id().name(), EntityJson::guest, EntityJson::guest);
    static final Kind<Endpoint> ENDPOINTS = new Kind<>("endpoints", Topology::endpoints, e -> e.id().toString(),
            EntityJson::endpoint, EntityJson::endpoint);
    static final Kind<Wire> WIRES = new Kind<>("wires", Topology::wires, w -> String.valueOf(w.id().vni()), EntityJson::wire, EntityJson::wire);
    static final Kind<Move> MOVES = new Kind<>("moves", Topology::moves, m -> m.guest().name(), EntityJson::move, EntityJson::move);
    static final List<Kind<?>> ALL = List.of(CLOUDS, HOSTS, GUESTS, ENDPOINTS, WIRES, MOVES);

    final String folder;
    private final Function<Topology, Map<?, V>> of;
    private final Function<V, String> name;
    private final Function<V, JsonNode> write;
    private final Function<JsonNode, V> read;

    @SuppressWarnings("unchecked")
    private Kind(String folder, Function<Topology, ? extends Map<?, V>> of, Function<V, String> name,
            Function<V, ? extends JsonNode> write, Function<JsonNode, V> read) {
        this.folder = folder;
        this.of = (Function<Topology, Map<?, V>>) of;
        this.name = name;
        this.write = (Function<V, JsonNode>) write;
        this.read = read;
    }

    /** @return this kind's entities in a state */
    Map<?, V> of(Topology t) {
        return of.apply(t);
    }

    /** @return the znode name of an entity of this kind */
    String znode(Object entity) {
        return URLEncoder.encode(name.apply(cast(entity)), StandardCharsets.UTF_8);
    }

    /** @return the id an entity's znode name stands for */
    static String id(String znode) {
        return URLDecoder.decode(znode, StandardCharsets.UTF_8);
    }

    JsonNode write(Object entity) {
        return entity == null ? null : write.apply(cast(entity));
    }

    V read(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : read.apply(n);
    }

    @SuppressWarnings("unchecked")
    V cast(Object entity) {
        return (V) entity;
    }
}
