package org.virtualwire.core.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireId;

class VniPoolTest {
    private static int vni(VniPool pool) {
        return pool.allocate().vni();
    }

    @Test
    void nextFitAboveTheLiveOnesThenTheOneReleasedLongestAgo() {
        VniPool pool = new VniPool(1, 4, List.of(new WireId(2)), VniPool.History.fresh());
        assertEquals(3, vni(pool), "a fresh pool starts above the highest live VNI");
        assertEquals(4, vni(pool));
        assertEquals(1, vni(pool), "wraps around");
        pool.release(new WireId(3));
        pool.release(new WireId(1));
        assertEquals(3, vni(pool), "none fresh left: the one released longest ago");
        assertEquals(1, vni(pool));
        VirtualWireException e = assertThrows(VirtualWireException.class, pool::allocate);
        assertEquals("VNI pool exhausted: all 4 wire ids from 1 to 4 are in use; disconnect a wire or widen "
                + "vni.min/vni.max", e.getMessage());
    }

    @Test
    void theHistoryOfACommittedChangeKeepsItsQuarantineAndACopyIsLeftAlone() {
        VniPool first = new VniPool(1, 10, List.of(), VniPool.History.fresh());
        WireId w = first.allocate();
        first.release(w);
        VniPool.History kept = first.history();
        assertEquals(2, vni(new VniPool(1, 10, List.of(), kept)), "1 is in quarantine");
        assertEquals(2, vni(new VniPool(1, 10, List.of(), kept)), "each pool works on a copy");
    }

    @Test
    void aRangeOutsideTheVniSpaceIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new VniPool(0, 5, List.of(), VniPool.History.fresh()));
        assertThrows(IllegalArgumentException.class, () -> new VniPool(6, 5, List.of(), VniPool.History.fresh()));
    }
}
