package org.virtualwire.core.impl.topology;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireService;

/**
 * Topology files: reads a document, checks it whole, plans the difference with the current state and applies
 * it as one batch of the admin service, so that a document takes effect entirely or not at all.
 */
@Component(service = TopologyService.class)
public class TopologyManager implements TopologyService {
    private final WireService wires;
    private final WireAdminService admin;

    /**
     * @param wires the state to compare with and export
     * @param admin where changes go
     */
    @Activate
    public TopologyManager(@Reference(name = "wires") WireService wires,
            @Reference(name = "admin") WireAdminService admin) {
        this.wires = wires;
        this.admin = admin;
    }

    // synchronized: two documents applied at once would each plan against a state the other is changing
    @Override
    public synchronized Result apply(String yaml, String source) {
        String name = source == null || source.isBlank() ? "topology" : source;
        TopologyDocument doc = new TopologyParser(name).parse(yaml);
        DocumentChecks.check(doc);
        Plan plan = new TopologyPlanner(name).plan(doc, wires);
        if (plan.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        List<String> created = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        admin.batch(tx -> {
            // a batch may run its changes again (e.g. after a conflicting write): report one run only
            created.clear();
            removed.clear();
            plan.run(tx, removed, created);
        });
        return new Result(created, removed);
    }

    @Override
    public String export() {
        return new TopologyWriter().write(wires);
    }
}
