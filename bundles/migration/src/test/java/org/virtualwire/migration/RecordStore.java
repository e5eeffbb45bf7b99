package org.virtualwire.migration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.virtualwire.api.GuestId;
import org.virtualwire.api.HostId;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.StoreListener;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;

/** A replicated store as the migration service sees it: only the records of migrations under way (the desired state is the FakeWorld's). */
final class RecordStore implements WireStore {
    final Map<GuestId, String> records = new ConcurrentHashMap<>();

    @Override
    public void inFlight(GuestId guest, String record) {
        if (record == null) {
            records.remove(guest);
        } else {
            records.put(guest, record);
        }
    }

    @Override
    public Map<GuestId, String> inFlight() {
        return Map.copyOf(records);
    }

    @Override
    public Topology current() {
        return Topology.EMPTY;
    }

    @Override
    public void commit(Topology expected, Topology next) {
        throw new UnsupportedOperationException("the FakeWorld holds the desired state");
    }

    @Override
    public void report(HostId host, HostReport report) {
    }

    @Override
    public Map<HostId, HostReport> reports() {
        return Map.of();
    }

    @Override
    public void addListener(StoreListener listener) {
    }

    @Override
    public void removeListener(StoreListener listener) {
    }
}
