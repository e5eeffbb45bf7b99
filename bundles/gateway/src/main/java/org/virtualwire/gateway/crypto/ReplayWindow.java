package org.virtualwire.gateway.crypto;

/**
 * Anti-replay sliding window over 64-bit sequence numbers (the bitmap scheme of RFC 6479): a sequence number is
 * accepted once, if it is newer than the newest seen or within {@link #SIZE} of it; anything older, and anything
 * below the floor, is a replay. Not thread-safe: one receiving thread owns it.
 */
final class ReplayWindow {

    /** Sequence numbers this far behind the newest are still accepted (once). */
    static final int SIZE = 1024;
    private static final int WORDS = SIZE / 64 + 1;

    private final long[] bits = new long[WORDS];
    private final long floor;
    private long newest = -1;

    /** @param floor sequence numbers below it are always replays (packets of earlier runs of the sender) */
    ReplayWindow(long floor) {
        this.floor = floor;
    }

    /** @return whether {@code seq} would be accepted; changes nothing (checked before the costly decryption) */
    boolean mayAccept(long seq) {
        if (seq < floor || seq < 0) {
            return false;
        }
        if (newest < 0 || seq > newest) {
            return true;
        }
        if (newest - seq >= SIZE) {
            return false;
        }
        return (bits[word(seq)] & 1L << seq) == 0;
    }

    /**
     * Records an authenticated sequence number.
     *
     * @return false if it was a replay after all
     */
    boolean accept(long seq) {
        if (!mayAccept(seq)) {
            return false;
        }
        if (newest < 0 || seq > newest) {
            long from = newest < 0 ? (seq >>> 6) - WORDS : newest >>> 6;
            long steps = Math.min((seq >>> 6) - from, WORDS);
            for (long i = 1; i <= steps; i++) {
                bits[word((from + i) << 6)] = 0;
            }
            newest = seq;
        }
        bits[word(seq)] |= 1L << seq; // the shift uses the low 6 bits of seq
        return true;
    }

    private static int word(long seq) {
        return (int) ((seq >>> 6) % WORDS);
    }
}
