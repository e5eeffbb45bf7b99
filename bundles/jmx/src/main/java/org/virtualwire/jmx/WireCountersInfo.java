package org.virtualwire.jmx;

import javax.management.ConstructorParameters;

/** Counters of both ends of a wire. */
public final class WireCountersInfo {
    private final int wire;
    private final EndCountersInfo a;
    private final EndCountersInfo b;

    /**
     * @param wire the wire id
     * @param a counters at end a
     * @param b counters at end b
     */
    @ConstructorParameters({"wire", "a", "b"})
    public WireCountersInfo(int wire, EndCountersInfo a, EndCountersInfo b) {
        this.wire = wire;
        this.a = a;
        this.b = b;
    }

    /** @return the wire id */
    public int getWire() { return wire; }
    /** @return counters at end a */
    public EndCountersInfo getA() { return a; }
    /** @return counters at end b */
    public EndCountersInfo getB() { return b; }
}
