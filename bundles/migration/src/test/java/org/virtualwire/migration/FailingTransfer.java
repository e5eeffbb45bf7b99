package org.virtualwire.migration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.TransferResult;

/** A real driver whose transfer fails, as a destination hypervisor that dies would make it. */
class FailingTransfer implements CloudDriver {
    private final CloudDriver real;

    FailingTransfer(CloudDriver real) {
        this.real = real;
    }

    @Override
    public TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options) {
        throw new IllegalStateException("the destination died");
    }

    @Override public String type() { return real.type(); }
    @Override public void validate(Cloud cloud) { real.validate(cloud); }
    @Override public String allocateAddress(Cloud c, HostId id, String r, Set<String> t) { return real.allocateAddress(c, id, r, t); }
    @Override public void reconcile(HostPlan plan) throws Exception { real.reconcile(plan); }
    @Override public void releaseHost(Host host, Cloud cloud) throws Exception { real.releaseHost(host, cloud); }
    @Override public void sweep(Collection<Host> hosts, Set<GuestId> guests) throws Exception { real.sweep(hosts, guests); }
    @Override public boolean isReachable(Host host) { return real.isReachable(host); }
    @Override public String netns(Host host) { return real.netns(host); }
    @Override public String hostDevice(Endpoint endpoint) { return real.hostDevice(endpoint); }
    @Override public EndCounters counters(Host host, Endpoint endpoint) { return real.counters(host, endpoint); }
    @Override public int underlayMtu(Cloud cloud) { return real.underlayMtu(cloud); }
}
