package org.virtualwire.spi;

import java.util.Map;
import java.util.TreeMap;

import org.virtualwire.api.GuestId;

/**
 * Thrown by {@link HostRuntime#reconcile} when the host itself was made as planned but some of its guests (or
 * their NICs) were refused, by the kernel or a hypervisor: every other guest, NIC and local link of the plan was
 * applied. The core marks those guests and the wires on them FAILED with the reason, keeps the host UP, and
 * tries them again on its next passes; the host goes on taking changes.
 */
public class GuestsFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Map<GuestId, String> guests;

    /**
     * @param guests each failed guest with why (the kernel's or hypervisor's message); not empty
     */
    public GuestsFailedException(Map<GuestId, String> guests) {
        super(describe(guests));
        if (guests.isEmpty()) {
            throw new IllegalArgumentException("no guest failed");
        }
        this.guests = Map.copyOf(guests);
    }

    /** @return each failed guest with why */
    public Map<GuestId, String> guests() {
        return guests;
    }

    private static String describe(Map<GuestId, String> guests) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(guests).forEach((g, why) -> b.append(b.length() == 0 ? "" : "; ").append("guest ").append(g)
                .append(": ").append(why));
        return b.toString();
    }
}
