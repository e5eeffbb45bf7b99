package org.virtualwire.tunnel.vxlan.codec;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts datagrams a {@link VxlanDecoder} threw away. Thread-safe, so one counter may serve the decoders of
 * several channels; callers read it whenever they like (for status pages or JMX).
 */
public final class VxlanDropCounter {

    private final LongAdder tooShort = new LongAdder();
    private final LongAdder noVni = new LongAdder();

    /** Datagrams shorter than the VXLAN header plus an Ethernet header. */
    public long tooShort() {
        return tooShort.sum();
    }

    /** Datagrams whose I flag was clear, so their VNI is not valid. */
    public long noVni() {
        return noVni.sum();
    }

    /** All dropped datagrams. */
    public long total() {
        return tooShort() + noVni();
    }

    void countTooShort() {
        tooShort.increment();
    }

    void countNoVni() {
        noVni.increment();
    }

    @Override
    public String toString() {
        return "VxlanDropCounter(tooShort=" + tooShort() + ", noVni=" + noVni() + ")";
    }
}
