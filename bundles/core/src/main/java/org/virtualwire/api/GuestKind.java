package org.virtualwire.api;

import java.util.Locale;

/** What a guest is, which decides how its NICs are joined inside it. */
public enum GuestKind {
    /** A network namespace with addressed NICs. */
    CONTAINER,
    /** Bridges all its NICs (an L2 switch). */
    SWITCH,
    /** Forwards IPv4 between its addressed NICs (an L3 router). */
    ROUTER,
    /** A virtual machine (QEMU) with one TAP per NIC. */
    VM;

    /**
     * @param text {@code container}, {@code switch} or {@code router}, any case
     * @return the kind
     * @throws VirtualWireException naming the field {@code kind} otherwise
     */
    public static GuestKind parse(String text) {
        for (GuestKind k : values()) {
            if (k.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return k;
            }
        }
        throw new VirtualWireException("kind", "unknown guest kind '" + text + "': use container, switch, router or vm");
    }

    /** @return the lower-case name used in files and commands */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
