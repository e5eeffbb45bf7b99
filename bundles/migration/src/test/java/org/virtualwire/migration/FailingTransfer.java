package org.virtualwire.migration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.TransferResult;

/** A real host runtime whose transfer fails, as a destination hypervisor that dies would make it. */
class FailingTransfer implements HostRuntime {
    private final HostRuntime real;

    FailingTransfer(HostRuntime real) {
        this.real = real;
    }

    @Override
    public TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options) {
        throw new IllegalStateException("the destination died");
    }

    @Override public String kind() { return real.kind(); }
    @Override public void reconcile(HostPlan plan) throws Exception { real.reconcile(plan); }
    @Override public void removeGuests(Host host) throws Exception { real.removeGuests(host); }
    @Override public void sweep(Collection<Host> hosts, Set<GuestId> guests) throws Exception { real.sweep(hosts, guests); }
    @Override public String hostDevice(Endpoint endpoint) { return real.hostDevice(endpoint); }
    @Override public EndCounters counters(Host host, Endpoint endpoint) { return real.counters(host, endpoint); }
}
