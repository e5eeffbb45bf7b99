package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

import org.virtualwire.api.HostId;
import org.virtualwire.api.WireView;

/** A wire as the topology page draws it: {@link WireInfo} and the MTU it carries. */
public final class WireViewInfo {
    private final int id;
    private final String a;
    private final String b;
    private final String hostA;
    private final String hostB;
    private final int mtu;
    private final String status;
    private final String detail;

    /**
     * @param id wire id (VNI)
     * @param a one endpoint, guest/nic
     * @param b the other endpoint
     * @param hostA host of a's guest, or null
     * @param hostB host of b's guest, or null
     * @param mtu the MTU it carries end to end (0 if an end is gone)
     * @param status UP, PENDING, DEGRADED or FAILED
     * @param detail why, or empty
     */
    @ConstructorParameters({"id", "a", "b", "hostA", "hostB", "mtu", "status", "detail"})
    public WireViewInfo(int id, String a, String b, String hostA, String hostB, int mtu, String status, String detail) {
        this.id = id;
        this.a = a;
        this.b = b;
        this.hostA = hostA;
        this.hostB = hostB;
        this.mtu = mtu;
        this.status = status;
        this.detail = detail;
    }

    static WireViewInfo of(WireView v) {
        return new WireViewInfo(v.wire().id().vni(), v.wire().a().toString(), v.wire().farEnd(), name(v.hostA()),
                name(v.hostB()), v.mtu(), v.status().health().name(), v.status().detail());
    }

    private static String name(HostId h) {
        return h == null ? null : h.name();
    }

    /** @return wire id (VNI) */
    public int getId() { return id; }
    /** @return one endpoint, guest/nic */
    public String getA() { return a; }
    /** @return the other endpoint */
    public String getB() { return b; }
    /** @return host of a's guest, or null */
    public String getHostA() { return hostA; }
    /** @return host of b's guest, or null */
    public String getHostB() { return hostB; }
    /** @return the MTU it carries end to end */
    public int getMtu() { return mtu; }
    /** @return health */
    public String getStatus() { return status; }
    /** @return why, or empty */
    public String getDetail() { return detail; }
}
