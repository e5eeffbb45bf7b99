package org.virtualwire.core.impl.topology;

import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireService;

/**
 * Topology files: reads a document, checks it whole, plans the difference with the current state and applies
 * it as one batch of the admin service, so that a document takes effect entirely or not at all.
 * <p>
 * Reading, parsing and checking a document need no lock: only planning and the batch do, so a large or slow
 * document holds up no other apply while it is read. Every step stops when its thread is interrupted (Ctrl-C in
 * the console), before anything has changed. Documents are bounded by {@link TopologyLimits}, from the core
 * configuration ({@code etc/org.virtualwire.core.cfg}).
 */
@Component(service = TopologyService.class, configurationPid = "org.virtualwire.core")
public class TopologyManager implements TopologyService {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyManager.class);

    private final WireService wires;
    private final WireAdminService admin;
    // two documents planned at once would each plan against a state the other is changing; interruptible, so
    // that an apply waiting for another can be cancelled too (package-private: tests see who waits)
    final ReentrantLock lock = new ReentrantLock();
    private volatile TopologyLimits limits;

    /**
     * @param wires the state to compare with and export
     * @param admin where changes go
     */
    public TopologyManager(WireService wires, WireAdminService admin) {
        this(wires, admin, TopologyLimits.DEFAULT);
    }

    /**
     * @param wires the state to compare with and export
     * @param admin where changes go
     * @param limits how large a document may be
     */
    TopologyManager(WireService wires, WireAdminService admin, TopologyLimits limits) {
        this.wires = wires;
        this.admin = admin;
        this.limits = limits;
    }

    /**
     * For OSGi.
     *
     * @param wires the state to compare with and export
     * @param admin where changes go
     * @param config the core configuration, for {@code topology.max.bytes} and {@code topology.max.items}
     */
    @Activate
    public TopologyManager(@Reference(name = "wires") WireService wires,
            @Reference(name = "admin") WireAdminService admin, Map<String, Object> config) {
        this(wires, admin, limits(config, TopologyLimits.DEFAULT));
    }

    /** @param config the core configuration, changed */
    @Modified
    void modified(Map<String, Object> config) {
        limits = limits(config, limits);
    }

    // a bad value keeps the limits in force (and says so) rather than leaving the appliance without the service
    private static TopologyLimits limits(Map<String, Object> config, TopologyLimits before) {
        try {
            return TopologyLimits.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; topology documents keep the limits {}", e.getMessage(), before);
            return before;
        }
    }

    @Override
    public Result apply(String yaml, String source) {
        String name = name(source);
        String text = yaml == null ? "" : yaml;
        TopologyInput.check(text, name, limits);
        return apply(new StringReader(text), name);
    }

    @Override
    public Result applyFile(Path file) {
        String text = TopologyInput.read(file, limits);
        return apply(new StringReader(text), name(file.toString()));
    }

    /**
     * @param yaml the document (read as it is parsed)
     * @param name its name for messages
     * @return what was created and removed
     */
    Result apply(Reader yaml, String name) {
        TopologyDocument doc = new TopologyParser(name, limits).parse(yaml);
        DocumentChecks.check(doc, name);
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Cancellation.cancelled(name, "waiting for another apply to end");
        }
        try {
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
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String export() {
        return new TopologyWriter().write(wires);
    }

    private static String name(String source) {
        return source == null || source.isBlank() ? "topology" : source;
    }
}
