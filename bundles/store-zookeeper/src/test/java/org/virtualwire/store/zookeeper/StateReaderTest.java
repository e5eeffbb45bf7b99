package org.virtualwire.store.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.EntityJson;
import org.virtualwire.spi.Topology;

/** What readers make of the znodes: committed generations only, tombstones hidden, a half-seen commit not at all. */
class StateReaderTest {
    private static final Cloud A = new Cloud(CloudId.of("a"), "local", Map.of());
    private static final Cloud A2 = new Cloud(CloudId.of("a"), "local", Map.of("mtu", "9000"));
    private static final Cloud B = new Cloud(CloudId.of("b"), "local", Map.of());

    private static byte[] entity(long gen, Cloud value, Cloud prev) {
        return new Entity(gen, value == null ? null : EntityJson.cloud(value), prev == null ? null : EntityJson.cloud(prev)).bytes();
    }

    @Test
    void aCommitUnderWayIsInvisibleAndTombstonesAreHidden() {
        Map<String, byte[]> znodes = new HashMap<>();
        znodes.put("revision", new Revision(4, 7, 1, 9).bytes()); // committed gen 7, gen 9 under way
        znodes.put("clouds/a", entity(9, A2, A)); // changed by gen 9: readers still see A
        znodes.put("clouds/b", entity(7, null, B)); // removed by gen 7
        znodes.put("clouds/c", entity(9, new Cloud(CloudId.of("c"), "local", Map.of()), null)); // added by gen 9
        znodes.put("clouds/d", entity(7, new Cloud(CloudId.of("d"), "local", Map.of()), null));
        Topology t = StateReader.read(znodes).orElseThrow();
        assertEquals(4, t.revision());
        assertEquals(Map.of(A.id(), A, CloudId.of("d"), new Cloud(CloudId.of("d"), "local", Map.of())), t.clouds());

        znodes.put("revision", new Revision(5, 9, 2, 0).bytes()); // gen 9 committed
        t = StateReader.read(znodes).orElseThrow();
        assertEquals(Map.of(A.id(), A2, CloudId.of("c"), new Cloud(CloudId.of("c"), "local", Map.of()),
                CloudId.of("d"), new Cloud(CloudId.of("d"), "local", Map.of())), t.clouds());
    }

    @Test
    void aMirrorThatHasNotSeenAllOfTheCommittedGenerationWaits() {
        Map<String, byte[]> znodes = new HashMap<>();
        znodes.put("revision", new Revision(2, 5, 2, 0).bytes());
        znodes.put("clouds/a", entity(5, A, null));
        assertTrue(StateReader.read(znodes).isEmpty(), "one of two entities of generation 5");
        znodes.put("clouds/b", entity(5, B, null));
        assertEquals(2, StateReader.read(znodes).orElseThrow().clouds().size());
        znodes.put("revision", new Revision(2, 5, 2, 8).bytes()); // gen 8 under way has overwritten b
        znodes.put("clouds/b", entity(8, null, B));
        assertEquals(2, StateReader.read(znodes).orElseThrow().clouds().size(), "a commit under way does not hide the state");
    }

    @Test
    void onlyEntityZnodesAreRead() {
        assertEquals(Kind.WIRES, StateReader.kindOf("wires/7"));
        assertEquals(null, StateReader.kindOf("wires"));
        assertEquals(null, StateReader.kindOf("reports/h1"));
        assertEquals(null, StateReader.kindOf("wires/7/x"));
        assertEquals("a1/eth0", Kind.id(Kind.ENDPOINTS.znode(org.virtualwire.testing.WireStoreContract.sample(1, 1).endpoints().values().iterator().next())));
        assertEquals("a1%2Feth0", Kind.ENDPOINTS.znode(org.virtualwire.testing.WireStoreContract.sample(1, 1).endpoints().values().iterator().next()));
    }
}
