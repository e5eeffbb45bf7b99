package org.virtualwire.spi;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Health;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.Status;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;

/**
 * The stored form of each entity of the desired state (and of a host's report): plain JSON with names as
 * strings, stable across versions. Every store uses it, whether it keeps the state as one document (the
 * embedded file) or one record per entity (a distributed engine), so that both read the same format.
 */
public final class EntityJson {
    /** The one mapper (thread-safe once configured). */
    public static final ObjectMapper JSON = new ObjectMapper();

    private EntityJson() {
    }

    /** @param c a cloud @return its JSON */
    public static ObjectNode cloud(Cloud c) {
        ObjectNode n = JSON.createObjectNode().put("name", c.id().name()).put("driver", c.driver());
        ObjectNode props = n.putObject("properties");
        c.properties().forEach(props::put);
        return n;
    }

    /** @param n JSON written by {@link #cloud(Cloud)} @return the cloud */
    public static Cloud cloud(JsonNode n) {
        Map<String, String> props = new HashMap<>();
        n.path("properties").fields().forEachRemaining(f -> props.put(f.getKey(), f.getValue().asText()));
        return new Cloud(CloudId.of(n.path("name").asText()), n.path("driver").asText(), props);
    }

    /** @param h a host @return its JSON */
    public static ObjectNode host(Host h) {
        return JSON.createObjectNode().put("name", h.id().name()).put("cloud", h.cloud().name())
                .put("address", h.underlayAddress()).put("public", h.publicAddress());
    }

    /** @param n JSON written by {@link #host(Host)} @return the host */
    public static Host host(JsonNode n) {
        return new Host(HostId.of(n.path("name").asText()), CloudId.of(n.path("cloud").asText()),
                n.path("address").asText(), n.hasNonNull("public") ? n.path("public").asText() : null);
    }

    /** @param g a guest @return its JSON; a VM's own image as {@code "image": {"kernel", "initrd", "disk"}} */
    public static ObjectNode guest(Guest g) {
        ObjectNode n = JSON.createObjectNode().put("name", g.id().name()).put("kind", g.kind().label())
                .put("host", g.host().name());
        VmImage image = g.image();
        if (image != null) {
            n.putObject("image").put("kernel", image.kernel()).put("initrd", image.initrd()).put("disk", image.disk());
        }
        if (!g.routes().isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode routes = n.putArray("routes");
            g.routes().forEach(r -> routes.add(r.toString()));
        }
        return n;
    }

    /** @param n JSON written by {@link #guest(Guest)} @return the guest */
    public static Guest guest(JsonNode n) {
        return new Guest(GuestId.of(n.path("name").asText()), GuestKind.parse(n.path("kind").asText()),
                HostId.of(n.path("host").asText()), image(n.path("image")), routes(n.path("routes")));
    }

    private static java.util.List<org.virtualwire.api.Route> routes(JsonNode n) {
        java.util.List<org.virtualwire.api.Route> routes = new java.util.ArrayList<>();
        n.forEach(r -> routes.add(org.virtualwire.api.Route.parse(r.asText())));
        return routes;
    }

    /** @param e an endpoint @return its JSON */
    public static ObjectNode endpoint(Endpoint e) {
        return JSON.createObjectNode().put("id", e.id().toString())
                .put("mac", e.mac().text()).put("ip", e.address() == null ? null : e.address().toString())
                .put("mtu", e.mtu()).put("slot", e.slot()).put("requested", e.requested()).put("gateway", e.gateway());
    }

    /** @param n JSON written by {@link #endpoint(Endpoint)} @return the endpoint */
    public static Endpoint endpoint(JsonNode n) {
        JsonNode ip = n.path("ip");
        return new Endpoint(EndpointId.parse(n.path("id").asText()), MacAddress.parse(n.path("mac").asText()),
                ip.isNull() || ip.isMissingNode() ? null : Ipv4Prefix.parse(ip.asText()),
                n.path("mtu").asInt(), n.path("slot").asInt(), requested(n),
                n.hasNonNull("gateway") ? n.path("gateway").asText() : null);
    }

    /** @param w a wire @return its JSON */
    public static ObjectNode wire(Wire w) {
        ObjectNode n = JSON.createObjectNode().put("id", w.id().vni()).put("a", w.a().toString());
        if (w.toOutside()) {
            n.putObject("outside").put("address", w.outside().address()).put("vni", w.outside().vni())
                    .put("anchor", w.outside().anchor());
        } else {
            n.put("b", w.b().toString());
        }
        return n.put("tunnel", w.tunnel());
    }

    /** @param n JSON written by {@link #wire(Wire)} @return the wire */
    public static Wire wire(JsonNode n) {
        JsonNode out = n.path("outside");
        if (out.isObject()) {
            return new Wire(new WireId(n.path("id").asInt()), EndpointId.parse(n.path("a").asText()), null,
                    n.path("tunnel").asText(), new org.virtualwire.api.OutsideVtep(out.path("address").asText(),
                            out.path("vni").asInt(), out.hasNonNull("anchor") ? out.path("anchor").asText() : null));
        }
        return new Wire(new WireId(n.path("id").asInt()), EndpointId.parse(n.path("a").asText()),
                EndpointId.parse(n.path("b").asText()), n.path("tunnel").asText());
    }

    /** @param m a move @return its JSON */
    public static ObjectNode move(Move m) {
        return JSON.createObjectNode().put("guest", m.guest().name()).put("from", m.from().name())
                .put("to", m.to().name()).put("phase", m.phase().name());
    }

    /** @param n JSON written by {@link #move(Move)} @return the move */
    public static Move move(JsonNode n) {
        return new Move(GuestId.of(n.path("guest").asText()), HostId.of(n.path("from").asText()),
                HostId.of(n.path("to").asText()), Move.Phase.valueOf(n.path("phase").asText()));
    }

    /** @param r a host's report @return its JSON */
    public static ObjectNode report(HostReport r) {
        ObjectNode n = JSON.createObjectNode().put("applied", r.appliedRevision());
        n.set("host", status(r.host()));
        ObjectNode wires = n.putObject("wires");
        r.wires().forEach((id, s) -> wires.set(String.valueOf(id.vni()), status(s)));
        ObjectNode guests = n.putObject("guests");
        r.guests().forEach((id, s) -> guests.set(id.name(), status(s)));
        return n;
    }

    /** @param n JSON written by {@link #report(HostReport)} @return the report */
    public static HostReport report(JsonNode n) {
        Map<WireId, Status> wires = new HashMap<>();
        n.path("wires").fields().forEachRemaining(f -> wires.put(new WireId(Integer.parseInt(f.getKey())), status(f.getValue())));
        Map<GuestId, Status> guests = new HashMap<>();
        n.path("guests").fields().forEachRemaining(f -> guests.put(GuestId.of(f.getKey()), status(f.getValue())));
        return new HostReport(n.path("applied").asLong(), status(n.path("host")), wires, guests);
    }

    private static ObjectNode status(Status s) {
        return JSON.createObjectNode().put("health", s.health().name()).put("detail", s.detail());
    }

    private static Status status(JsonNode n) {
        return new Status(Health.valueOf(n.path("health").asText()), n.path("detail").asText());
    }

    /** @return the image, or null when the guest has none (as in files written before images existed) */
    private static VmImage image(JsonNode n) {
        if (!n.isObject()) {
            return null;
        }
        return new VmImage(text(n.path("kernel")), text(n.path("initrd")), text(n.path("disk")));
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    /** A store written before the ceiling was kept: the MTU a NIC has is its ceiling, it is never raised above. */
    private static Integer requested(JsonNode endpoint) {
        JsonNode r = endpoint.path("requested");
        return r.isMissingNode() ? Integer.valueOf(endpoint.path("mtu").asInt()) : r.isNull() ? null : Integer.valueOf(r.asInt());
    }
}
