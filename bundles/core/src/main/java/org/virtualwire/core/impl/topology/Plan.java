package org.virtualwire.core.impl.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireAdminService;

/**
 * The changes that take the current state to a document's: removals first (wires, endpoints, guests, hosts,
 * clouds), then creations (clouds, hosts, guests, endpoints, wires), each of which knows the document item
 * it comes from so that a refusal can point at its line.
 *
 * @param removals in the order they must run
 * @param creations in the order they must run
 */
record Plan(List<Step> removals, List<Step> creations) {

    /**
     * One call on the admin service.
     *
     * @param label what it is about, e.g. {@code guest web1}
     * @param at the document item it comes from, or a place without a line for removals
     * @param action makes the call and returns what to report, e.g. {@code wire 7 web1/eth0 sw1/p1}
     */
    record Step(String label, DocumentLocation at, Function<WireAdminService, String> action) {
    }

    /** @return whether nothing needs to change */
    boolean isEmpty() {
        return removals.isEmpty() && creations.isEmpty();
    }

    /**
     * Makes every call, in order, on the service given (the transaction of one batch).
     *
     * @param tx the service to call
     * @param removed receives what was removed
     * @param created receives what was created
     * @throws VirtualWireException the service's refusal, prefixed with the place of the item at fault
     */
    void run(WireAdminService tx, List<String> removed, List<String> created) {
        run(tx, removals, removed, "removing ");
        run(tx, creations, created, "");
    }

    private static void run(WireAdminService tx, List<Step> steps, List<String> out, String verb) {
        for (Step s : steps) {
            // inside the batch: the refusal aborts it whole, so a cancelled apply still changes nothing
            Cancellation.check(s.at().source(), "applying");
            try {
                out.add(s.action().apply(tx));
            } catch (VirtualWireException e) {
                String doing = s.at().line() == 0 ? verb + s.label() + ": " : "";
                throw s.at().fail(doing + e.getMessage());
            }
        }
    }

    /** Collects steps in order. */
    static final class Builder {
        private final List<Step> removals = new ArrayList<>();
        private final List<Step> creations = new ArrayList<>();

        void remove(String label, DocumentLocation at, Function<WireAdminService, String> action) {
            removals.add(new Step(label, at, action));
        }

        void create(String label, DocumentLocation at, Function<WireAdminService, String> action) {
            creations.add(new Step(label, at, action));
        }

        Plan build() {
            return new Plan(List.copyOf(removals), List.copyOf(creations));
        }
    }
}
