package org.virtualwire.gateway.xdp;

import java.util.Locale;

/** How the XDP filter is attached to an interface. */
public enum XdpMode {
    /** The driver's own XDP where it has one, generic XDP otherwise: the kernel's choice. */
    AUTO,
    /** The driver's XDP (zero copy where the driver offers it); refused where the driver has none. */
    NATIVE,
    /**
     * XDP in the kernel's receive path after the driver, on any interface. On a veth it leaves the peer its
     * segmentation offloads (native XDP there takes TSO and USO from the peer), but a segmentation-offloaded
     * packet (a UDP GSO batch, a tunnelled TCP segment run) is made linear for the program and then goes the
     * socket's way, and the sockets' path is slower: measured in BENCHMARKS.md, not the default.
     */
    GENERIC;

    /** @return the mode as the setting names it: auto, native or generic */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text auto, native or generic (any case)
     * @return the mode
     * @throws IllegalArgumentException naming the setting and the allowed values
     */
    public static XdpMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("xdp.mode '" + text + "' is not auto, native or generic");
        }
    }
}
