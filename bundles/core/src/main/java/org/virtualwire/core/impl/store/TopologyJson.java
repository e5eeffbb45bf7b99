package org.virtualwire.core.impl.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.VmImage;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Move;
import org.virtualwire.spi.Topology;

/** The stored form of the desired state: plain JSON with names as strings, stable across versions. */
final class TopologyJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopologyJson() {
    }

    static byte[] write(Topology t) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("revision", t.revision());
        ArrayNode clouds = root.putArray("clouds");
        t.clouds().values().forEach(c -> {
            ObjectNode n = clouds.addObject().put("name", c.id().name()).put("driver", c.driver());
            ObjectNode props = n.putObject("properties");
            c.properties().forEach(props::put);
        });
        ArrayNode hosts = root.putArray("hosts");
        t.hosts().values().forEach(h -> hosts.addObject().put("name", h.id().name()).put("cloud", h.cloud().name())
                .put("address", h.underlayAddress()).put("public", h.publicAddress()));
        ArrayNode guests = root.putArray("guests");
        t.guests().values().forEach(g -> image(guests.addObject().put("name", g.id().name()).put("kind", g.kind().label())
                .put("host", g.host().name()), g.image()));
        ArrayNode endpoints = root.putArray("endpoints");
        t.endpoints().values().forEach(e -> endpoints.addObject().put("id", e.id().toString())
                .put("mac", e.mac().text()).put("ip", e.address() == null ? null : e.address().toString())
                .put("mtu", e.mtu()).put("slot", e.slot()).put("requested", e.requested()));
        ArrayNode wires = root.putArray("wires");
        t.wires().values().forEach(w -> wires.addObject().put("id", w.id().vni()).put("a", w.a().toString())
                .put("b", w.b().toString()).put("tunnel", w.tunnel()));
        ArrayNode moves = root.putArray("moves");
        t.moves().values().forEach(m -> moves.addObject().put("guest", m.guest().name()).put("from", m.from().name())
                .put("to", m.to().name()).put("phase", m.phase().name()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static Topology read(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        Map<CloudId, Cloud> clouds = new HashMap<>();
        for (JsonNode n : root.path("clouds")) {
            Map<String, String> props = new HashMap<>();
            n.path("properties").fields().forEachRemaining(f -> props.put(f.getKey(), f.getValue().asText()));
            Cloud c = new Cloud(CloudId.of(n.path("name").asText()), n.path("driver").asText(), props);
            clouds.put(c.id(), c);
        }
        Map<HostId, Host> hosts = new HashMap<>();
        for (JsonNode n : root.path("hosts")) {
            Host h = new Host(HostId.of(n.path("name").asText()), CloudId.of(n.path("cloud").asText()),
                    n.path("address").asText(), n.hasNonNull("public") ? n.path("public").asText() : null);
            hosts.put(h.id(), h);
        }
        Map<GuestId, Guest> guests = new HashMap<>();
        for (JsonNode n : root.path("guests")) {
            Guest g = new Guest(GuestId.of(n.path("name").asText()), GuestKind.parse(n.path("kind").asText()),
                    HostId.of(n.path("host").asText()), image(n.path("image")));
            guests.put(g.id(), g);
        }
        Map<EndpointId, Endpoint> endpoints = new HashMap<>();
        for (JsonNode n : root.path("endpoints")) {
            JsonNode ip = n.path("ip");
            Endpoint e = new Endpoint(EndpointId.parse(n.path("id").asText()), MacAddress.parse(n.path("mac").asText()),
                    ip.isNull() || ip.isMissingNode() ? null : Ipv4Prefix.parse(ip.asText()),
                    n.path("mtu").asInt(), n.path("slot").asInt(), requested(n));
            endpoints.put(e.id(), e);
        }
        Map<WireId, Wire> wires = new HashMap<>();
        for (JsonNode n : root.path("wires")) {
            Wire w = new Wire(new WireId(n.path("id").asInt()), EndpointId.parse(n.path("a").asText()),
                    EndpointId.parse(n.path("b").asText()), n.path("tunnel").asText());
            wires.put(w.id(), w);
        }
        Map<GuestId, Move> moves = new HashMap<>();
        for (JsonNode n : root.path("moves")) {
            Move m = new Move(GuestId.of(n.path("guest").asText()), HostId.of(n.path("from").asText()),
                    HostId.of(n.path("to").asText()), Move.Phase.valueOf(n.path("phase").asText()));
            moves.put(m.guest(), m);
        }
        return new Topology(root.path("revision").asLong(), clouds, hosts, guests, endpoints, wires, moves);
    }

    /** A VM's own image as {@code "image": {"kernel": ..., "initrd": ..., "disk": ...}}; none for the project's. */
    private static void image(ObjectNode guest, VmImage image) {
        if (image != null) {
            guest.putObject("image").put("kernel", image.kernel()).put("initrd", image.initrd()).put("disk", image.disk());
        }
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
