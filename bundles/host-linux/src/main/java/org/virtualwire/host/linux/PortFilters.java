package org.virtualwire.host.linux;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.virtualwire.spi.linux.Tc;

/**
 * The {@code tc -batch} lines, run in a guest's namespace, that join a NIC's port to one of its links. The
 * port's ingress (what the guest sends) goes to the active link; the active link's ingress (what its host
 * delivers) goes to the port; every other link of the NIC drops what it gets (its host may be dual-homed).
 *
 * <p>A link's filter is a classic BPF program in cls_bpf: the kernel here has no gact ({@code action drop}),
 * and a u32 filter cannot be replaced in place by one of another kind. {@code ret #-1} (match) runs the
 * filter's mirred action; {@code ret #2} in direct-action mode is {@code TC_ACT_SHOT}. Both replace the one
 * filter (same pref and handle) in place, so switching a link on or off never leaves it without a filter:
 * frames on a link never reach the guest's own stack.
 */
final class PortFilters {
    private static final String LINK_FILTER = " ingress pref 10 handle 1 protocol all bpf ";

    private PortFilters() {
    }

    /** The ingress qdisc a device's filter hangs on; see {@link Tc#ingress}. */
    static String ingress(String dev) {
        return Tc.ingress(dev);
    }

    /** What the link's host delivers goes to the guest. */
    static String linkToPort(String link, String port) {
        return "filter replace dev " + link + LINK_FILTER + "bytecode '1,6 0 0 4294967295,' action mirred egress redirect dev "
                + port;
    }

    /** What the link's host delivers is dropped: the guest is reached through another link. */
    static String drop(String link) {
        return "filter replace dev " + link + LINK_FILTER + "da bytecode '1,6 0 0 2,'";
    }

    /** What the guest sends goes to the link's host. */
    static String portToLink(String port, String link) {
        return Tc.redirect(port, link);
    }

    /**
     * Makes one link the NIC's active one: first it delivers (for a moment the guest may get a frame twice,
     * never none), then the guest sends through it, then the others drop.
     *
     * @param port the NIC's port
     * @param link the link to use
     * @param others the NIC's other links
     * @return the lines, in that order
     */
    static List<String> activate(String port, String link, Collection<String> others) {
        List<String> lines = new ArrayList<>(List.of(linkToPort(link, port), portToLink(port, link)));
        others.forEach(o -> lines.add(drop(o)));
        return lines;
    }
}
