package org.virtualwire.jmx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.virtualwire.api.EndCounters;
import org.virtualwire.api.Health;
import org.virtualwire.api.Status;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireId;
import org.virtualwire.testing.InMemoryWires;

/**
 * The wire services in memory (the shared fixture; wires from VNI 100, so an id is not a count), with a wire
 * status and counters to show, the timeout an await was given, and a topology service that keeps the text.
 */
class FakeServices extends InMemoryWires implements TopologyService {
    String topologyText = "";
    Duration lastAwait;

    FakeServices() {
        super(100);
        counting(new EndCounters(3, 300, 2, 200, 0), new EndCounters(2, 200, 3, 300, 1, 5));
    }

    @Override
    public Status status(WireId wire) {
        super.status(wire);
        return new Status(Health.DEGRADED, "tunnel protocol vxlan is not installed");
    }

    @Override
    public boolean awaitApplied(Duration timeout) {
        lastAwait = timeout;
        return true;
    }

    @Override
    public Result apply(String yaml, String source) {
        if (yaml.contains("[")) {
            throw new VirtualWireException("hosts", source + " line 1: flow sequences are not allowed");
        }
        topologyText = yaml;
        return new Result(List.of("host h1"), List.of());
    }

    @Override
    public Result applyFile(Path file) {
        throw new VirtualWireException("file", "cannot read topology file " + file + ": no such file");
    }

    @Override
    public String export() {
        return topologyText;
    }

    @Override
    public FakeServices withWire() {
        super.withWire();
        return this;
    }
}
