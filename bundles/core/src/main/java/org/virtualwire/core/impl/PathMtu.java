package org.virtualwire.core.impl;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.spi.Topology;

/**
 * The largest frame payload (the guests' MTU) a wire carries on its path: the smallest underlay MTU on the way
 * less the tunnel's overhead, and between clouds also the public network's MTU less what the gateways add.
 * While a guest moves, every path it may take counts.
 *
 * @param underlayMtu a cloud's underlay MTU, from its driver
 * @param publicMtu the MTU of a cloud's gateway's public network, from its driver
 * @param tunnelOverhead bytes the tunnel adds (VXLAN over IPv4: 50)
 * @param gatewayOverhead bytes the gateways add between them (header and authentication tag)
 */
record PathMtu(ToIntFunction<Cloud> underlayMtu, ToIntFunction<Cloud> publicMtu, int tunnelOverhead,
        int gatewayOverhead) {
    /** The least MTU a guest's NIC may get: IPv6's minimum link MTU. */
    static final int MINIMUM = 1280;

    /** @return the wire's MTU as the desired state places its ends */
    int of(Topology t, Wire w) {
        int mtu = Integer.MAX_VALUE;
        for (HostId a : hosts(t, w.a())) {
            for (HostId b : far(t, w, a)) {
                mtu = Math.min(mtu, between(t, t.hosts().get(a), t.hosts().get(b)));
            }
        }
        return mtu;
    }

    /** @return the MTU of a wire between two hosts */
    int between(Topology t, Host a, Host b) {
        Cloud ca = t.clouds().get(a.cloud());
        Cloud cb = t.clouds().get(b.cloud());
        int mtu = Math.min(underlayMtu.applyAsInt(ca), underlayMtu.applyAsInt(cb));
        if (!ca.id().equals(cb.id())) {
            mtu = Math.min(mtu, Math.min(publicMtu.applyAsInt(ca), publicMtu.applyAsInt(cb)) - gatewayOverhead);
        }
        return mtu - tunnelOverhead;
    }

    /**
     * Refuses a wire whose path leaves its guests less than {@link #MINIMUM}.
     *
     * @param what the request, for the message, e.g. {@code wire web1/eth0 - db1/eth0}
     */
    void check(Topology t, Wire w, String what) {
        int mtu = of(t, w);
        if (mtu < MINIMUM) {
            throw new VirtualWireException("mtu", what + " would leave its guests an MTU of " + mtu + " bytes, below the "
                    + MINIMUM + " IPv6 needs: " + why(t, w) + "; raise the underlay MTU (cloud property mtu)");
        }
    }

    private String why(Topology t, Wire w) {
        Set<String> parts = new LinkedHashSet<>();
        for (HostId a : hosts(t, w.a())) {
            for (HostId b : far(t, w, a)) {
                Cloud ca = t.clouds().get(t.hosts().get(a).cloud());
                Cloud cb = t.clouds().get(t.hosts().get(b).cloud());
                for (Cloud c : Set.of(ca, cb)) {
                    parts.add("cloud " + c.id() + " underlay MTU " + underlayMtu.applyAsInt(c));
                }
                if (!ca.id().equals(cb.id())) {
                    parts.add("between clouds " + Math.min(publicMtu.applyAsInt(ca), publicMtu.applyAsInt(cb))
                            + " less " + gatewayOverhead + " bytes of gateway sealing");
                }
            }
        }
        return String.join(", ", parts) + ", less " + tunnelOverhead + " bytes of tunnel";
    }

    /** The far end's hosts; an outside VTEP is on the near end's underlay (counted as that host's own). */
    private static Set<HostId> far(Topology t, Wire w, HostId near) {
        return w.toOutside() ? Set.of(near) : hosts(t, w.b());
    }

    private static Set<HostId> hosts(Topology t, EndpointId e) {
        Set<HostId> on = new LinkedHashSet<>(GatewayPlans.presentOn(t, e));
        on.addAll(t.sendTo(e.guest()));
        return on;
    }
}
