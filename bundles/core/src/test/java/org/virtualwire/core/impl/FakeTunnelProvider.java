package org.virtualwire.core.impl;

import java.util.ArrayList;
import java.util.List;

import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.TunnelProvider;

/** A {@code vxlan} provider that touches no kernel and records the plans it is given. */
public final class FakeTunnelProvider implements TunnelProvider {
    /** Every plan given, in order. */
    public final List<TunnelPlan> plans = new ArrayList<>();

    @Override
    public String protocol() {
        return "vxlan";
    }

    @Override
    public int overhead() {
        return 50;
    }

    @Override
    public synchronized void reconcile(TunnelPlan plan) {
        plans.add(plan);
    }
}
