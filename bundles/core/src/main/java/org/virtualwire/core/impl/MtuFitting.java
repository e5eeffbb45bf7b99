package org.virtualwire.core.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.virtualwire.api.EndpointId;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.Wire;
import org.virtualwire.api.WireId;
import org.virtualwire.spi.Topology;

/**
 * Fits MTUs to a change set once its request is complete: refuses a wire whose path is too narrow for a guest, and
 * gives the NICs of each L2 segment the changes touched the segment's MTU ({@link SegmentMtu}): a container's,
 * switch's or router's NICs change at once; a running VM's cannot, so a segment narrower than its NIC is refused.
 * The rules only note what to fit ({@link #fit(Wire, String)}, {@link #fit(List, String)}); {@link #fitAll()}
 * fits it all at once: fitting after each change made a batch of 1,000 wires quadratic (each fit reads the whole
 * change set).
 */
final class MtuFitting {
    private final ChangeSet changes;
    private final InstalledPlugins plugins;
    /** Wires whose paths {@link #fitAll()} checks, with the request that made them. */
    private final Map<WireId, String> pathsToCheck = new LinkedHashMap<>();
    /** NICs whose segments {@link #fitAll()} sizes, with the first request that can be refused (or null). */
    private final Map<EndpointId, String> segmentsToFit = new LinkedHashMap<>();

    MtuFitting(ChangeSet changes, InstalledPlugins plugins) {
        this.changes = changes;
        this.plugins = plugins;
    }

    /** Notes a new wire: its path is checked and its segment fitted. */
    void fit(Wire w, String what) {
        pathsToCheck.put(w.id(), what);
        fit(w.ends(), what);
    }

    /**
     * Notes NICs whose segments get their segment's MTU, lower or higher than they have.
     *
     * @param what the request, for a refusal; null where a path only widened (a wire gone, a move ended), where
     *        nothing is refused and a cloud driver that is not installed leaves the MTUs as they are
     */
    void fit(List<EndpointId> scope, String what) {
        scope.forEach(e -> {
            if (segmentsToFit.get(e) == null) { // the first request that can be refused stays
                segmentsToFit.put(e, what);
            }
        });
    }

    /** Checks the paths of the state as it is now, e.g. while a guest moves, against the request {@code what}. */
    void checkPaths(List<Wire> wires, String what) {
        Topology t = changes.build();
        PathMtu path = plugins.pathMtu();
        wires.forEach(w -> path.check(t, w, what));
    }

    /**
     * Checks the paths and fits the segments noted, once for the whole request. Called by the controller before it
     * commits; a refusal here refuses the whole request.
     */
    void fitAll() {
        if (pathsToCheck.isEmpty() && segmentsToFit.isEmpty()) {
            return;
        }
        Topology t = changes.build();
        PathMtu path = plugins.pathMtu();
        pathsToCheck.forEach((id, what) -> {
            Wire w = changes.wires().get(id);
            if (w != null) {
                path.check(t, w, what);
            }
        });
        Map<EndpointId, Integer> fitted;
        try {
            fitted = new SegmentMtu(path, e -> plugins.defaultMtu(changes.cloudOf(e.id()))).fit(t, segmentsToFit);
        } catch (VirtualWireException e) {
            if (segmentsToFit.values().stream().anyMatch(Objects::nonNull) || !"driver".equals(e.field())) {
                throw e;
            }
            fitted = Map.of();
        } finally {
            pathsToCheck.clear();
            segmentsToFit.clear();
        }
        fitted.forEach((id, mtu) -> changes.update(changes.endpoints().get(id).withMtu(mtu)));
    }
}
