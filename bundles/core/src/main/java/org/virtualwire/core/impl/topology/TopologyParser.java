package org.virtualwire.core.impl.topology;

import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.MacAddress;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.Route;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.VmImage;
import org.virtualwire.core.impl.topology.TopologyDocument.CloudItem;
import org.virtualwire.core.impl.topology.TopologyDocument.GuestItem;
import org.virtualwire.core.impl.topology.TopologyDocument.HostItem;
import org.virtualwire.core.impl.topology.TopologyDocument.NicItem;
import org.virtualwire.core.impl.topology.TopologyDocument.WireItem;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns a topology document into a {@link TopologyDocument}, checking each item's shape and values on the way
 * (unknown keys, missing fields, malformed names, MACs and addresses). References between items are checked
 * afterwards by {@link DocumentChecks}.
 */
final class TopologyParser {
    static final CloudId LOCAL = CloudId.of("local");
    private static final List<String> TOP = List.of("clouds", "hosts", "guests", "wires");
    private static final List<String> CLOUD = List.of("name", "driver", "properties");
    private static final List<String> HOST = List.of("name", "cloud", "address", "public");
    private static final List<String> GUEST = List.of("name", "kind", "host", "kernel", "initrd", "disk", "routes", "nics");
    private static final List<String> NIC = List.of("name", "mac", "ip", "mtu", "gateway");
    private static final List<String> WIRE = List.of("a", "b");

    private final NodeReader reader;

    /**
     * @param source the document's name, for messages
     * @param limits how large the document may be
     */
    TopologyParser(String source, TopologyLimits limits) {
        this.reader = new NodeReader(source, limits);
    }

    /**
     * @param yaml the document
     * @return its items
     * @throws org.virtualwire.api.VirtualWireException naming the line and field at fault, or when cancelled
     */
    TopologyDocument parse(Reader yaml) {
        Node root = reader.compose(yaml);
        if (root == null) {
            // An empty file would remove everything; that is far more often a mistake than the intent.
            throw reader.at(null, "").fail("the document is empty: to remove everything, apply '{}'");
        }
        FieldReader top = reader.mapping(root, "", TOP);
        return new TopologyDocument(
                reader.items(top.node("clouds"), "clouds", this::cloud),
                reader.items(top.node("hosts"), "hosts", this::host),
                reader.items(top.node("guests"), "guests", this::guest),
                reader.items(top.node("wires"), "wires", this::wire));
    }

    private CloudItem cloud(Node node, String path) {
        FieldReader f = reader.mapping(node, path, CLOUD);
        CloudId id = f.required("name", CloudId::of);
        String driver = f.optional("driver");
        if (driver == null && !id.equals(LOCAL)) {
            f.required("driver");
        }
        return new CloudItem(id, driver == null ? "local" : driver, properties(f.node("properties"), f), f);
    }

    private Map<String, String> properties(Node node, FieldReader owner) {
        if (node == null) {
            return null;
        }
        String path = owner.at("properties").path();
        if (!(node instanceof MappingNode m)) {
            throw reader.at(node, path).fail("must be a mapping of setting names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.getValue().forEach(t -> {
            String key = reader.scalar(t.getKeyNode(), path, false);
            if (out.put(key, reader.scalar(t.getValueNode(), path + "." + key, true)) != null) {
                throw reader.at(t.getKeyNode(), path + "." + key).fail("key '" + key + "' is given twice");
            }
        });
        return out;
    }

    private HostItem host(Node node, String path) {
        FieldReader f = reader.mapping(node, path, HOST);
        HostId id = f.required("name", HostId::of);
        CloudId cloud = f.optional("cloud", CloudId::of);
        String address = f.optional("address", a -> Ipv4Prefix.fromInt(Ipv4Prefix.toInt(a)));
        String publicAddress = f.optional("public", a -> Ipv4Prefix.fromInt(Ipv4Prefix.toInt(a)));
        return new HostItem(id, cloud == null ? LOCAL : cloud, address, publicAddress, f);
    }

    private GuestItem guest(Node node, String path) {
        FieldReader f = reader.mapping(node, path, GUEST);
        GuestId id = f.required("name", GuestId::of);
        GuestKind kind = f.optional("kind", GuestKind::parse);
        HostId host = f.required("host", HostId::of);
        VmImage image = new VmImage(f.optional("kernel", TopologyParser::absolute), f.optional("initrd", TopologyParser::absolute),
                f.optional("disk", TopologyParser::absolute));
        List<Route> routes = reader.items(f.node("routes"), f.at("routes").path(), this::route);
        List<NicItem> nics = reader.items(f.node("nics"), f.at("nics").path(), (n, p) -> nic(id, n, p));
        return new GuestItem(id, kind == null ? GuestKind.CONTAINER : kind, host, VmImage.isDefault(image) ? null : image,
                routes, nics, f);
    }

    private Route route(Node node, String path) {
        DocumentLocation at = reader.at(node, path);
        try {
            return Route.parse(reader.scalar(node, path, false));
        } catch (VirtualWireException e) {
            throw at.fail(e.getMessage());
        }
    }

    /** A file a VM boots from: an absolute path (the field's place is added by {@link FieldReader}). */
    private static String absolute(String path) {
        if (!path.strip().startsWith("/")) {
            throw new VirtualWireException("path", "path '" + path + "' must be absolute (start with /)");
        }
        return path.strip();
    }

    private NicItem nic(GuestId guest, Node node, String path) {
        FieldReader f = reader.mapping(node, path, NIC);
        EndpointId id = f.required("name", n -> new EndpointId(guest, n));
        return new NicItem(id, f.optional("mac", MacAddress::parse), f.optional("ip", Ipv4Prefix::parse),
                f.optional("mtu", TopologyParser::mtu),
                f.optional("gateway", g -> Ipv4Prefix.fromInt(Ipv4Prefix.toInt(g.trim()))), f);
    }

    private static Integer mtu(String text) {
        try {
            int mtu = Integer.parseInt(text.trim());
            if (mtu >= 68 && mtu <= 65535) {
                return mtu;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same words as an out-of-range number
        }
        throw new VirtualWireException("mtu", "invalid MTU '" + text + "': must be a number 68 to 65535");
    }

    private WireItem wire(Node node, String path) {
        DocumentLocation at = reader.at(node, path);
        Node a;
        Node b;
        String aPath;
        String bPath;
        if (node instanceof SequenceNode seq && seq.getValue().size() == 2) {
            a = seq.getValue().get(0);
            b = seq.getValue().get(1);
            aPath = path + "[0]";
            bPath = path + "[1]";
        } else if (node instanceof MappingNode) {
            FieldReader f = reader.mapping(node, path, WIRE);
            f.required("a");
            f.required("b");
            a = f.node("a");
            b = f.node("b");
            aPath = path + ".a";
            bPath = path + ".b";
        } else {
            throw at.fail("a wire is a pair of NICs: [guest/nic, guest/nic] or {a: guest/nic, b: guest/nic}"
                    + " (b may be an outside VTEP, vxlan:ADDRESS/VNI)");
        }
        DocumentLocation aAt = reader.at(a, aPath);
        DocumentLocation bAt = reader.at(b, bPath);
        String far = reader.scalar(b, bPath, false).trim();
        if (OutsideVtep.isOutside(far)) {
            try {
                return new WireItem(endpoint(a, aAt), null, OutsideVtep.parse(far), at, aAt, bAt);
            } catch (VirtualWireException e) {
                throw bAt.fail(e.getMessage());
            }
        }
        return new WireItem(endpoint(a, aAt), endpoint(b, bAt), null, at, aAt, bAt);
    }

    private EndpointId endpoint(Node node, DocumentLocation at) {
        String text = reader.scalar(node, at.path(), false);
        try {
            return EndpointId.parse(text.trim());
        } catch (VirtualWireException e) {
            throw at.fail(e.getMessage());
        }
    }
}
