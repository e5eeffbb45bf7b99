package org.virtualwire.gateway.xdp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One AF_XDP ring shared with the kernel: a producer index, a consumer index, flags, and a power-of-two array
 * of entries (8-byte frame addresses for fill and completion rings, 16-byte descriptors for RX and TX). The
 * indices are free-running 32-bit counters; the side that owns an index publishes it with release semantics,
 * the other side's index is read with acquire semantics (the ordering libxdp's xsk.h uses).
 */
final class Ring {

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer map;
    private final int producer;
    private final int consumer;
    private final int flags;
    private final int entries;
    private final int entrySize;
    private final int mask;
    private int local;

    /**
     * @param map the ring's mapping
     * @param offsets producer, consumer, entries and flags offsets in it (struct xdp_ring_offset)
     * @param size number of entries, a power of two
     * @param entrySize 8 or 16
     * @param producerSide whether this process produces (fill, TX) or consumes (completion, RX)
     */
    Ring(ByteBuffer map, long[] offsets, int size, int entrySize, boolean producerSide) {
        this.map = map.order(ByteOrder.nativeOrder());
        this.producer = (int) offsets[0];
        this.consumer = (int) offsets[1];
        this.entries = (int) offsets[2];
        this.flags = (int) offsets[3];
        this.entrySize = entrySize;
        this.mask = size - 1;
        this.local = (int) INT.getAcquire(this.map, producerSide ? producer : consumer);
    }

    /** @return entries the kernel has produced and this process not yet consumed */
    int available() {
        return (int) INT.getAcquire(map, producer) - local;
    }

    /** @return entries this process may still produce before the kernel consumes more */
    int free() {
        return mask + 1 - (local - (int) INT.getAcquire(map, consumer));
    }

    /** @return the byte offset, in the mapping, of the i-th entry from the local index */
    int entry(int i) {
        return entries + ((local + i) & mask) * entrySize;
    }

    long address(int i) {
        return map.getLong(entry(i));
    }

    int length(int i) {
        return map.getInt(entry(i) + 8);
    }

    void putAddress(int i, long address) {
        map.putLong(entry(i), address);
    }

    /** Consumer side: gives the next {@code n} entries back to the kernel. */
    void release(int n) {
        local += n;
        INT.setRelease(map, consumer, local);
    }

    /** Producer side: publishes the next {@code n} entries to the kernel. */
    void submit(int n) {
        local += n;
        INT.setRelease(map, producer, local);
    }

    /** @return whether the kernel asks to be woken to take from this ring (XDP_RING_NEED_WAKEUP) */
    boolean needsWakeup() {
        return ((int) INT.getAcquire(map, flags) & 1) != 0;
    }
}
