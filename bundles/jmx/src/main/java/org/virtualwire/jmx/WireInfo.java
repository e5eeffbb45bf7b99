package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

/** A wire as JMX shows it (one CompositeData, one JSON object through Jolokia). */
public final class WireInfo {
    private final int id;
    private final String a;
    private final String b;
    private final String hostA;
    private final String hostB;
    private final String tunnel;
    private final String status;
    private final String detail;

    /**
     * @param id wire id (VNI)
     * @param a one endpoint, guest/nic
     * @param b the other endpoint
     * @param hostA host of a's guest
     * @param hostB host of b's guest
     * @param tunnel tunnel protocol
     * @param status health: UP, PENDING, DEGRADED or FAILED
     * @param detail why, or empty
     */
    @ConstructorParameters({"id", "a", "b", "hostA", "hostB", "tunnel", "status", "detail"})
    public WireInfo(int id, String a, String b, String hostA, String hostB, String tunnel, String status, String detail) {
        this.id = id;
        this.a = a;
        this.b = b;
        this.hostA = hostA;
        this.hostB = hostB;
        this.tunnel = tunnel;
        this.status = status;
        this.detail = detail;
    }

    /** @return wire id (VNI) */
    public int getId() { return id; }
    /** @return one endpoint, guest/nic */
    public String getA() { return a; }
    /** @return the other endpoint */
    public String getB() { return b; }
    /** @return host of a's guest */
    public String getHostA() { return hostA; }
    /** @return host of b's guest */
    public String getHostB() { return hostB; }
    /** @return tunnel protocol */
    public String getTunnel() { return tunnel; }
    /** @return health */
    public String getStatus() { return status; }
    /** @return why, or empty */
    public String getDetail() { return detail; }
}
