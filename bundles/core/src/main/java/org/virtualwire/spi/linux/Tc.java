package org.virtualwire.spi.linux;

import java.util.List;

/** Lines for {@code tc -batch} that join devices point to point. */
public final class Tc {
    private Tc() {
    }

    /**
     * Every frame that arrives on {@code from} leaves through {@code to}, untouched. Idempotent: running it
     * again (or with another target) replaces the one filter, never adds a second.
     *
     * @param from device whose ingress is redirected
     * @param to device the frames leave through
     * @return the tc batch lines
     */
    public static List<String> redirect(String from, String to) {
        return redirect(from, null, to);
    }

    /**
     * Every frame that arrives on {@code from} is copied to {@code mirror} (when not null) and leaves through
     * {@code to}. Idempotent like {@link #redirect(String, String)}.
     *
     * @param from device whose ingress is redirected
     * @param mirror device that gets a copy, or null
     * @param to device the frames leave through
     * @return the tc batch lines
     */
    public static List<String> redirect(String from, String mirror, String to) {
        String copy = mirror == null ? "" : " action mirred egress mirror dev " + mirror + " pipe";
        return List.of("qdisc replace dev " + from + " ingress",
                "filter replace dev " + from + " ingress pref 10 handle 800::1 protocol all u32 match u32 0 0"
                        + copy + " action mirred egress redirect dev " + to);
    }
}
