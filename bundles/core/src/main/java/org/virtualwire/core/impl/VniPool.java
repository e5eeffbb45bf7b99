package org.virtualwire.core.impl;

import java.util.BitSet;
import java.util.Collection;

import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireId;

/** Hands out the lowest VNI in a configured range that no live wire has. */
final class VniPool {
    private final int min;
    private final int max;
    private final BitSet used = new BitSet();

    VniPool(int min, int max, Collection<WireId> live) {
        if (min < 1 || max > WireId.MAX_VNI || min > max) {
            throw new IllegalArgumentException("VNI range " + min + ".." + max + " must lie within 1.." + WireId.MAX_VNI);
        }
        this.min = min;
        this.max = max;
        live.forEach(w -> used.set(w.vni()));
    }

    WireId allocate() {
        int vni = used.nextClearBit(min);
        if (vni > max) {
            throw new VirtualWireException("wire", "VNI pool exhausted: all " + (max - min + 1) + " wire ids from "
                    + min + " to " + max + " are in use; disconnect a wire or widen vni.min/vni.max");
        }
        used.set(vni);
        return new WireId(vni);
    }

    void release(WireId id) {
        used.clear(id.vni());
    }
}
