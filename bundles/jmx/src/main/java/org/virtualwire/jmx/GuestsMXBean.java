package org.virtualwire.jmx;

import java.util.List;

/** Guests over JMX. */
public interface GuestsMXBean {
    /** Where it is registered. */
    String OBJECT_NAME = "org.virtualwire:type=guests,name=default";

    /** @return every guest, by name */
    List<GuestInfo> getGuests();

    /**
     * @param name the new guest's name
     * @param kind container, switch or router
     * @param host the host it runs on
     * @return the guest
     * @throws IllegalArgumentException with the reason, if refused
     */
    GuestInfo addGuest(String name, String kind, String host);

    /**
     * Adds a container or router with static routes.
     *
     * @param name the new guest's name
     * @param kind container or router
     * @param host the host it runs on
     * @param routes its routes, each {@code PREFIX via ADDRESS}; each next hop must be in a subnet of its NICs by the
     *        time the guest has them (add the guest and its NICs in one topology file to do it in one change)
     * @return the guest
     * @throws IllegalArgumentException with the reason, if refused
     */
    GuestInfo addGuestWithRoutes(String name, String kind, String host, String[] routes);

    /**
     * Adds a VM that boots the user's own files instead of the project's image.
     *
     * @param name the new VM's name
     * @param host the host it runs on
     * @param kernel its kernel, an absolute path on the machine that runs it
     * @param initrd its initrd, or null or empty for none
     * @param disk its disk (raw or qcow2, the guest's /dev/vda and root), or null or empty for none
     * @return the guest
     * @throws IllegalArgumentException with the reason, if refused (e.g. a file that is not there)
     */
    GuestInfo addVm(String name, String host, String kernel, String initrd, String disk);

    /**
     * Removes a guest with its endpoints; their wires must be disconnected first.
     *
     * @param name the guest
     * @throws IllegalArgumentException with the reason, if refused
     */
    void removeGuest(String name);
}
