package org.virtualwire.gateway.xdp;

import java.util.Locale;

/** How the XDP filter is attached to an interface. */
public enum XdpMode {
    /**
     * Generic XDP on a veth, the driver's own (native) XDP wherever else the driver has it: on a veth, native
     * XDP takes the segmentation offloads (TSO, USO) from its peer, so all TCP through the gateway host would be
     * cut into segments in software, and it moves the veth's receive into a NAPI thread of its own.
     */
    AUTO,
    /** The driver's XDP (zero copy where the driver offers it); refused where the driver has none. */
    NATIVE,
    /** XDP in the kernel's receive path after the driver (any interface; the frame is copied to the socket). */
    GENERIC;

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
