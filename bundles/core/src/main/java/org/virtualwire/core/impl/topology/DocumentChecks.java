package org.virtualwire.core.impl.topology;

import java.util.HashMap;
import java.util.Map;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.HostId;
import org.virtualwire.core.impl.topology.TopologyDocument.CloudItem;
import org.virtualwire.core.impl.topology.TopologyDocument.GuestItem;
import org.virtualwire.core.impl.topology.TopologyDocument.HostItem;
import org.virtualwire.core.impl.topology.TopologyDocument.NicItem;
import org.virtualwire.core.impl.topology.TopologyDocument.WireItem;

/**
 * Checks the references between a document's items, before anything changes: names given twice, hosts in
 * clouds and guests on hosts the document does not list, host addresses given twice, wires naming unknown
 * NICs, a wire from a NIC to itself, a NIC in two wires (a NIC takes one cable), a kernel, initrd or disk on a
 * guest that is no VM.
 */
final class DocumentChecks {
    private DocumentChecks() {
    }

    /**
     * @param doc a parsed document
     * @param source its name, for a cancellation
     * @throws org.virtualwire.api.VirtualWireException at the first fault, with its line and field, or when the
     *     thread is interrupted
     */
    static void check(TopologyDocument doc, String source) {
        Map<CloudId, DocumentLocation> clouds = new HashMap<>();
        // local always exists; a null entry lets the document list it once (putIfAbsent replaces null)
        clouds.put(TopologyParser.LOCAL, null);
        for (CloudItem c : doc.clouds()) {
            Cancellation.check(source, "checking the document");
            unique(clouds, c.id(), c.at().at("name"), "cloud");
        }
        Map<HostId, DocumentLocation> hosts = new HashMap<>();
        Map<String, DocumentLocation> addresses = new HashMap<>();
        for (HostItem h : doc.hosts()) {
            Cancellation.check(source, "checking the document");
            unique(hosts, h.id(), h.at().at("name"), "host");
            if (!clouds.containsKey(h.cloud())) {
                throw h.at().at("cloud").fail("unknown cloud '" + h.cloud() + "': list it under clouds");
            }
            if (h.address() != null) {
                unique(addresses, h.address(), h.at().at("address"), "address");
            }
        }
        Map<GuestId, DocumentLocation> guests = new HashMap<>();
        Map<EndpointId, DocumentLocation> nics = new HashMap<>();
        for (GuestItem g : doc.guests()) {
            Cancellation.check(source, "checking the document");
            unique(guests, g.id(), g.at().at("name"), "guest");
            if (!hosts.containsKey(g.host())) {
                throw g.at().at("host").fail("unknown host '" + g.host() + "': list it under hosts");
            }
            if (g.image() != null && g.kind() != GuestKind.VM) {
                String field = g.image().kernel() != null ? "kernel" : g.image().initrd() != null ? "initrd" : "disk";
                throw g.at().at(field).fail("guest " + g.id() + " is a " + g.kind().label()
                        + ": only a vm boots a kernel, initrd or disk (add 'kind: vm')");
            }
            for (NicItem n : g.nics()) {
                unique(nics, n.id(), n.at().at("name"), "NIC");
            }
        }
        Map<EndpointId, DocumentLocation> wired = new HashMap<>();
        for (WireItem w : doc.wires()) {
            Cancellation.check(source, "checking the document");
            plug(nics, wired, w.a(), w.aAt());
            if (w.outside() != null) {
                continue;
            }
            if (w.a().equals(w.b())) {
                throw w.bAt().fail("a wire needs two different NICs, both ends are " + w.a());
            }
            plug(nics, wired, w.b(), w.bAt());
        }
    }

    private static void plug(Map<EndpointId, DocumentLocation> nics, Map<EndpointId, DocumentLocation> wired, EndpointId end, DocumentLocation at) {
        if (!nics.containsKey(end)) {
            throw at.fail("unknown NIC '" + end + "': list it under its guest's nics");
        }
        DocumentLocation before = wired.putIfAbsent(end, at);
        if (before != null) {
            throw at.fail("NIC " + end + " is already wired at line " + before.line() + " (" + before.path()
                    + "): a NIC takes one wire");
        }
    }

    private static <K> void unique(Map<K, DocumentLocation> seen, K key, DocumentLocation at, String what) {
        DocumentLocation before = seen.putIfAbsent(key, at);
        if (before != null) {
            throw at.fail(what + " '" + key + "' is given twice, first at line " + before.line()
                    + " (" + before.path() + ")");
        }
    }
}
