package org.virtualwire.core.impl;

import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.CloudDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Health;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.Status;
import org.virtualwire.core.impl.store.FileWireStore;
import org.virtualwire.spi.HostReport;
import org.virtualwire.spi.Topology;
import org.virtualwire.spi.WireStore;

/** The read side on its own: what it says of a host's reachability, from the state and the agents' reports. */
class WireQueriesTest {
    private static final CloudId LOCAL = CloudId.of("local");
    private static final CloudId AWS = CloudId.of("aws");
    private static final Host H1 = new Host(HostId.of("h1"), LOCAL, "198.18.0.1");
    private static final Host H2 = new Host(HostId.of("h2"), AWS, "198.18.0.2");

    @TempDir
    Path data;

    @Test
    void unreachableSaysWhyOrNothing() {
        WireStore store = new FileWireStore(data);
        store.commit(store.current(), new Topology(1, Map.of(LOCAL, new Cloud(LOCAL, "local", Map.of()),
                AWS, new Cloud(AWS, "ec2", Map.of())), Map.of(H1.id(), H1, H2.id(), H2), Map.of(), Map.of(), Map.of()));
        ControllerState state = new ControllerState();
        state.store(store);
        FakeCloudDriver driver = new FakeCloudDriver();
        state.own().add((CloudDriver) driver);
        state.own().add((HostRuntime) driver);
        WireQueries queries = new WireQueries(state);

        assertEquals(Optional.empty(), queries.unreachable(H1), "no report yet: reachable");
        assertEquals(Optional.of("cloud driver 'ec2' of cloud aws is not installed: install feature virtualwire-driver-ec2"), queries.unreachable(H2));
        assertEquals(Optional.empty(), queries.unreachable(new Host(HostId.of("h3"), AWS, "198.18.0.3")),
                "added in the same batch: its agent has not seen it yet");
        store.report(H1.id(), new HostReport(1, new Status(Health.FAILED, "namespace gone"), Map.of()));
        assertEquals(Optional.of("namespace gone"), queries.unreachable(H1));
        store.report(H1.id(), new HostReport(1, new Status(Health.DEGRADED, "slow"), Map.of()));
        assertEquals(Optional.empty(), queries.unreachable(H1), "degraded is still managed");
    }
}
