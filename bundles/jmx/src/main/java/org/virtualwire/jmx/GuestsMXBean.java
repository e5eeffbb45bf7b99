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
     * Removes a guest with its endpoints; their wires must be disconnected first.
     *
     * @param name the guest
     * @throws IllegalArgumentException with the reason, if refused
     */
    void removeGuest(String name);
}
