package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.Guest;

/** A guest as JMX shows it. */
public final class GuestInfo {
    private final String name;
    private final String kind;
    private final String host;
    private final String kernel;
    private final String initrd;
    private final String disk;
    private final String[] routes;

    /**
     * @param name the guest's name
     * @param kind container, switch, router or vm
     * @param host where it runs
     * @param kernel a VM's own kernel, or null for the project's image
     * @param initrd a VM's own initrd, or null
     * @param disk a VM's disk, or null
     * @param routes its static routes, {@code PREFIX via ADDRESS}
     */
    @ConstructorParameters({"name", "kind", "host", "kernel", "initrd", "disk", "routes"})
    public GuestInfo(String name, String kind, String host, String kernel, String initrd, String disk, String[] routes) {
        this.routes = routes.clone();
        this.name = name;
        this.kind = kind;
        this.host = host;
        this.kernel = kernel;
        this.initrd = initrd;
        this.disk = disk;
    }

    static GuestInfo of(Guest g) {
        String[] routes = g.routes().stream().map(Object::toString).toArray(String[]::new);
        return g.image() == null ? new GuestInfo(g.id().name(), g.kind().label(), g.host().name(), null, null, null, routes)
                : new GuestInfo(g.id().name(), g.kind().label(), g.host().name(), g.image().kernel(), g.image().initrd(),
                        g.image().disk(), routes);
    }

    /** @return its static routes, {@code PREFIX via ADDRESS} */
    public String[] getRoutes() { return routes.clone(); }

    /** @return the guest's name */
    public String getName() { return name; }
    /** @return container, switch, router or vm */
    public String getKind() { return kind; }
    /** @return where it runs */
    public String getHost() { return host; }
    /** @return a VM's own kernel, or null when it boots the project's image */
    public String getKernel() { return kernel; }
    /** @return a VM's own initrd, or null */
    public String getInitrd() { return initrd; }
    /** @return a VM's disk, or null */
    public String getDisk() { return disk; }
}
