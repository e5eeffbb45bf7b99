package org.virtualwire.spi.linux;

/** Lines for {@code tc -batch} that join devices point to point. */
public final class Tc {
    private Tc() {
    }

    /**
     * The ingress qdisc a redirect hangs on. Run these lines with {@link Kernel#batchTolerant}: adding one
     * that exists fails at once, while replacing an existing ingress qdisc costs about 2 ms a device.
     *
     * @param dev a device
     * @return the tc batch line
     */
    public static String ingress(String dev) {
        return "qdisc add dev " + dev + " ingress";
    }

    /**
     * Every frame that arrives on {@code from} leaves through {@code to}, untouched. Idempotent: running it
     * again (or with another target) replaces the one filter, never adds a second. Needs {@link #ingress}.
     *
     * @param from device whose ingress is redirected
     * @param to device the frames leave through
     * @return the tc batch line
     */
    public static String redirect(String from, String to) {
        return redirect(from, null, to);
    }

    /**
     * Every frame that arrives on {@code from} is copied to {@code mirror} (when not null) and leaves through
     * {@code to}. Idempotent like {@link #redirect(String, String)}.
     *
     * @param from device whose ingress is redirected
     * @param mirror device that gets a copy, or null
     * @param to device the frames leave through
     * @return the tc batch line
     */
    public static String redirect(String from, String mirror, String to) {
        String copy = mirror == null ? "" : " action mirred egress mirror dev " + mirror + " pipe";
        return "filter replace dev " + from + " ingress pref 10 handle 800::1 protocol all u32 match u32 0 0"
                + copy + " action mirred egress redirect dev " + to;
    }
}
