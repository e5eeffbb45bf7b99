package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.Guest;

/** A guest as JMX shows it. */
public final class GuestInfo {
    private final String name;
    private final String kind;
    private final String host;

    /**
     * @param name the guest's name
     * @param kind container, switch or router
     * @param host where it runs
     */
    @ConstructorParameters({"name", "kind", "host"})
    public GuestInfo(String name, String kind, String host) {
        this.name = name;
        this.kind = kind;
        this.host = host;
    }

    static GuestInfo of(Guest g) {
        return new GuestInfo(g.id().name(), g.kind().label(), g.host().name());
    }

    /** @return the guest's name */
    public String getName() { return name; }
    /** @return container, switch or router */
    public String getKind() { return kind; }
    /** @return where it runs */
    public String getHost() { return host; }
}
