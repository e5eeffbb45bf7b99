package org.virtualwire.api;

/**
 * Something that owns endpoints and runs on one host at a time.
 *
 * @param id the guest's name
 * @param kind container, switch, router or vm
 * @param host where it runs now
 * @param image for a VM, the user's kernel, initrd and disk; null for the project's own image (and for
 *        every guest that is not a VM)
 * @param routes its static routes (prefix via next hop), made in its namespace; empty for none
 */
public record Guest(GuestId id, GuestKind kind, HostId host, VmImage image, java.util.List<Route> routes) {
    /** A default image is stored as null, so that two guests booting the same thing are equal. */
    public Guest {
        image = VmImage.isDefault(image) ? null : image;
        routes = routes == null ? java.util.List.of() : java.util.List.copyOf(routes);
    }

    /**
     * A guest without routes.
     *
     * @param id the guest's name
     * @param kind its kind
     * @param host where it runs now
     * @param image a VM's own image, or null
     */
    public Guest(GuestId id, GuestKind kind, HostId host, VmImage image) {
        this(id, kind, host, image, java.util.List.of());
    }

    /**
     * @param other another host
     * @return this guest running there
     */
    public Guest on(HostId other) {
        return new Guest(id, kind, other, image, routes);
    }

    /**
     * A guest that boots the project's own image (or is no VM).
     *
     * @param id the guest's name
     * @param kind its kind
     * @param host where it runs now
     */
    public Guest(GuestId id, GuestKind kind, HostId host) {
        this(id, kind, host, null);
    }
}
