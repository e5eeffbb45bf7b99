package org.virtualwire.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.virtualwire.api.EndCounters;
import org.virtualwire.api.TopologyService;
import org.virtualwire.testing.InMemoryWires;

/**
 * The wire services in memory (the shared fixture), with counters to print, agents that apply or not as a test
 * says, and a topology service that notes what it was given.
 */
class FakeWires extends InMemoryWires implements TopologyService {
    boolean applies = true;
    int awaits;
    String appliedYaml;
    String appliedSource;
    Path appliedFile;
    TopologyService.Result applyResult = new TopologyService.Result(List.of(), List.of());
    String exported = "hosts: []\n";

    FakeWires() {
        counting(new EndCounters(10, 1000, 9, 900, 1), new EndCounters(9, 900, 10, 1000, 0, 4));
    }

    @Override
    public boolean awaitApplied(Duration timeout) {
        awaits++;
        return applies;
    }

    @Override
    public Result apply(String yaml, String source) {
        appliedYaml = yaml;
        appliedSource = source;
        return applyResult;
    }

    @Override
    public Result applyFile(Path file) {
        appliedFile = file;
        return applyResult;
    }

    @Override
    public String export() {
        return exported;
    }

    /** Builds two hosts, two containers and one wire between them. */
    FakeWires withTwoGuests() {
        withWire();
        return this;
    }

    static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n")));
    }
}
