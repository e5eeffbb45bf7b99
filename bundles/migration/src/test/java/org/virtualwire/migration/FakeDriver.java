package org.virtualwire.migration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.TransferResult;

/**
 * A local-type driver and its host runtime whose transfer a test decides: it notes each call and runs the test's
 * behaviour.
 */
class FakeDriver implements CloudDriver, HostRuntime {
    interface Transfer {
        TransferResult run(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options) throws Exception;
    }

    final List<String> transfers = new CopyOnWriteArrayList<>();
    volatile Transfer transfer = (g, from, to, nics, o) -> new TransferResult(1.5, nics.size() + " NIC(s) moved");

    @Override
    public TransferResult transfer(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options)
            throws Exception {
        transfers.add(guest.id() + " " + from.id() + "->" + to.id() + " " + options);
        return transfer.run(guest, from, to, nics, options);
    }

    @Override public String type() { return "local"; }
    @Override public void validate(Cloud cloud) { }
    @Override public String allocateAddress(Cloud cloud, HostId id, String requested, Set<String> taken) { return requested; }
    @Override public String kind() { return HostRuntime.LINUX; }
    @Override public void validateEndpoint(Guest guest, Endpoint endpoint) { }
    @Override public void ensureHost(Host host, Cloud cloud) { }
    @Override public void reconcile(HostPlan plan) { }
    @Override public void removeGuests(Host host) { }
    @Override public void releaseHost(Host host, Cloud cloud) { }
    @Override public void sweep(java.util.Collection<Host> hosts) { }
    @Override public void sweep(java.util.Collection<Host> hosts, Set<GuestId> guests) { }
    @Override public String netns(Host host) { return null; }
    @Override public String hostDevice(Endpoint endpoint) { return "ve" + endpoint.slot(); }
    @Override public EndCounters counters(Host host, Endpoint endpoint) { return EndCounters.ZERO; }
    @Override public int underlayMtu(Cloud cloud) { return 1500; }
}
