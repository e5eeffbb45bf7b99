package org.virtualwire.core.impl.topology;

import java.util.Collection;
import java.util.Set;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.TunnelPlan;
import org.virtualwire.spi.TunnelProvider;

/**
 * A cloud driver of type {@code local} and a {@code vxlan} tunnel that touch no kernel, so the real wire
 * manager can run topology tests: the topology code only needs the controller's decisions, not traffic
 * (the drivers' own tests cover the data plane). Addresses come from 198.18.0.0/15 as the local cloud's do.
 */
final class NoopPlugins {
    private NoopPlugins() {
    }

    /** @return a driver that allocates addresses and otherwise does nothing */
    static CloudDriver driver() {
        return new CloudDriver() {
            @Override
            public String type() {
                return "local";
            }

            @Override
            public void validate(Cloud cloud) {
            }

            @Override
            public String allocateAddress(Cloud cloud, HostId id, String requested, Set<String> taken) {
                if (requested != null) {
                    String address = Ipv4Prefix.fromInt(Ipv4Prefix.toInt(requested));
                    if (taken.contains(address)) {
                        throw new VirtualWireException("address", "underlay address " + address + " is taken");
                    }
                    return address;
                }
                int base = Ipv4Prefix.toInt("198.18.0.0");
                for (int n = 1; ; n++) {
                    String address = Ipv4Prefix.fromInt(base + n);
                    if (!taken.contains(address)) {
                        return address;
                    }
                }
            }

            @Override
            public void reconcile(HostPlan plan) {
            }

            @Override
            public void releaseHost(Host host, Cloud cloud) {
            }

            @Override
            public void sweep(Collection<Host> hosts, Set<GuestId> guests) {
            }

            @Override
            public boolean isReachable(Host host) {
                return true;
            }

            @Override
            public String netns(Host host) {
                return null;
            }

            @Override
            public String hostDevice(Endpoint endpoint) {
                return "ve" + endpoint.slot();
            }

            @Override
            public EndCounters counters(Host host, Endpoint endpoint) {
                return EndCounters.ZERO;
            }

            @Override
            public int underlayMtu(Cloud cloud) {
                return 1500;
            }
        };
    }

    /** @return a tunnel with VXLAN's overhead that makes nothing */
    static TunnelProvider tunnel() {
        return new TunnelProvider() {
            @Override
            public String protocol() {
                return "vxlan";
            }

            @Override
            public int overhead() {
                return 50;
            }

            @Override
            public void reconcile(TunnelPlan plan) {
            }
        };
    }
}
