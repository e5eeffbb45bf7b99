package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

/** A host as JMX shows it. */
public final class HostInfo {
    private final String name;
    private final String cloud;
    private final String address;
    private final String publicAddress;
    private final String status;
    private final String detail;

    /**
     * @param name the host's name
     * @param cloud its cloud
     * @param address its underlay address
     * @param publicAddress a gateway's address between clouds, or null for a host
     * @param status its agent's health: UP, PENDING, DEGRADED or FAILED
     * @param detail why, or empty
     */
    @ConstructorParameters({"name", "cloud", "address", "publicAddress", "status", "detail"})
    public HostInfo(String name, String cloud, String address, String publicAddress, String status, String detail) {
        this.name = name;
        this.cloud = cloud;
        this.address = address;
        this.publicAddress = publicAddress;
        this.status = status;
        this.detail = detail;
    }

    /** @return the host's name */
    public String getName() { return name; }
    /** @return its cloud */
    public String getCloud() { return cloud; }
    /** @return its underlay address */
    public String getAddress() { return address; }
    /** @return a gateway's address between clouds, or null for a host */
    public String getPublicAddress() { return publicAddress; }
    /** @return its agent's health */
    public String getStatus() { return status; }
    /** @return why, or empty */
    public String getDetail() { return detail; }
}
