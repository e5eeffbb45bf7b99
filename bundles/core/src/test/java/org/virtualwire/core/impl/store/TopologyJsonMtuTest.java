package org.virtualwire.core.impl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.MacAddress;
import org.virtualwire.spi.Topology;

/** A NIC's MTU and its ceiling (the user's mtu) are stored apart; a store written before keeps its MTU as ceiling. */
class TopologyJsonMtuTest {
    @Test
    void theCeilingIsStoredApartAndAnOldStoresMtuIsItsCeiling() throws Exception {
        EndpointId lowered = EndpointId.parse("c1/eth0");
        EndpointId given = EndpointId.parse("c2/eth0");
        Topology t = new Topology(3, Map.of(), Map.of(), Map.of(), Map.of(
                lowered, new Endpoint(lowered, MacAddress.local(1), null, 1350, 1, null),
                given, new Endpoint(given, MacAddress.local(2), null, 1350, 2, 1400)), Map.of());
        Topology back = TopologyJson.read(TopologyJson.write(t));
        assertNull(back.endpoints().get(lowered).requested(), "no mtu given: the paths decide");
        assertEquals(1400, back.endpoints().get(given).requested());
        assertEquals(1350, back.endpoints().get(given).mtu());

        String old = new String(TopologyJson.write(t), StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"requested\"\\s*:\\s*(null|\\d+)", "");
        Topology before = TopologyJson.read(old.getBytes(StandardCharsets.UTF_8));
        assertEquals(1350, before.endpoints().get(lowered).requested(), "an old store: never raised above what it had");
    }
}
