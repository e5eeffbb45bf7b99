package org.virtualwire.core.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.virtualwire.api.Cloud;
import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.spi.HostPlan;
import org.virtualwire.spi.HostRuntime;

/**
 * A {@code local} driver and its host runtime that touch no kernel: it records the plans it is given and hands out
 * free addresses of 198.18.0.0/16, so the real controller runs in tests that need its decisions, not traffic.
 */
public final class FakeCloudDriver implements CloudDriver, HostRuntime {
    final List<HostPlan> plans = new ArrayList<>();
    final List<Host> released = new ArrayList<>();
    /** Runs in every sweep: a test can hold a sweep there. */
    volatile Runnable onSweep = () -> { };
    /** Plans applied while a sweep ran (a sweep removes what the state it read lacks). */
    final java.util.concurrent.atomic.AtomicInteger appliedDuringSweep = new java.util.concurrent.atomic.AtomicInteger();
    /** Sweeps ended. */
    final java.util.concurrent.atomic.AtomicInteger sweeps = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean sweeping;
    /** The hosts each sweep of guests was told are desired here, in order. */
    final List<Set<HostId>> sweptHosts = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return "local";
    }

    @Override
    public String kind() {
        return HostRuntime.LINUX;
    }

    @Override
    public void validate(Cloud cloud) {
    }

    @Override
    public void validateEndpoint(Guest guest, Endpoint endpoint) {
    }

    @Override
    public void ensureHost(Host host, Cloud cloud) {
    }

    @Override
    public void removeGuests(Host host) {
    }

    @Override
    public void sweep(Collection<Host> hosts) {
    }

    /** The clouds there were, each time a new cloud was checked. */
    final List<Collection<Cloud>> othersSeen = new ArrayList<>();

    @Override
    public synchronized void validate(Cloud cloud, Collection<Cloud> others) {
        othersSeen.add(List.copyOf(others));
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
        for (int n = Ipv4Prefix.toInt("198.18.0.1"); ; n++) {
            if (!taken.contains(Ipv4Prefix.fromInt(n))) {
                return Ipv4Prefix.fromInt(n);
            }
        }
    }

    /** Guests the core asked this driver to check. */
    final List<Guest> validatedGuests = new ArrayList<>();

    /** Refuses a VM whose kernel path contains {@code missing}, as a driver refuses a file that is not there. */
    @Override
    public synchronized void validateGuest(Guest guest) {
        validatedGuests.add(guest);
        if (guest.image() != null && guest.image().kernel() != null && guest.image().kernel().contains("missing")) {
            throw new VirtualWireException("kernel", "kernel " + guest.image().kernel() + " does not exist");
        }
    }

    /** Guests whose NICs this driver "cannot make", as a kernel refuses one guest's object. */
    volatile Set<GuestId> refused = Set.of();
    /** While set, every host lost what was applied (verify says so) and cannot be made again (reconcile fails). */
    volatile String lost;
    /** Verifications asked for. */
    final java.util.concurrent.atomic.AtomicInteger verified = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public synchronized void reconcile(HostPlan plan) throws Exception {
        if (sweeping) {
            appliedDuringSweep.incrementAndGet();
        }
        plans.add(plan);
        hostEvents.add("reconcile " + plan.host().id());
        if (lost != null) {
            throw new Exception(lost);
        }
        java.util.Map<GuestId, String> failed = new java.util.TreeMap<>();
        plan.guests().stream().map(g -> g.guest().id()).filter(refused::contains)
                .forEach(g -> failed.put(g, "RTNETLINK answers: Cannot assign requested address"));
        if (!failed.isEmpty()) {
            throw new org.virtualwire.spi.GuestsFailedException(failed);
        }
    }

    /** While set, verify says so although reconcile succeeds: a repair that does not repair. */
    volatile String unrepairable;

    @Override
    public void verify(HostPlan plan) throws Exception {
        verified.incrementAndGet();
        String why = lost != null ? lost : unrepairable;
        if (why != null) {
            throw new Exception(why);
        }
    }

    /** Runs at the start of every release, outside the driver's lock: a test can hold a release there. */
    volatile Runnable onRelease = () -> { };
    /** What happened to hosts, in order: "reconcile h1", "release h1". */
    final List<String> hostEvents = new java.util.concurrent.CopyOnWriteArrayList<>(); // read by streams while agents add

    @Override
    public void releaseHost(Host host, Cloud cloud) {
        onRelease.run();
        synchronized (this) {
            released.add(host);
        }
        hostEvents.add("release " + host.id());
    }

    @Override
    public void sweep(Collection<Host> hosts, Set<GuestId> guests) {
        sweptHosts.add(hosts.stream().map(Host::id).collect(java.util.stream.Collectors.toSet()));
        sweeping = true;
        try {
            onSweep.run();
        } finally {
            sweeping = false;
            sweeps.incrementAndGet();
        }
    }

    /** @return whether a plan of the host was applied */
    synchronized boolean reconciled(HostId host) {
        return plans.stream().anyMatch(p -> p.host().id().equals(host));
    }

    @Override
    public String netns(Host host) {
        return "ns-" + host.id();
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
        return Integer.parseInt(cloud.properties().getOrDefault("mtu", "1500"));
    }
}
