package org.virtualwire.gateway.crypto;

/** Two byte arrays a thread's cipher works between, grown when a packet needs more and then kept. */
final class CipherBuffers {

    private byte[] in = new byte[2048];
    private byte[] out = new byte[2048];

    /** @return an input array of at least {@code length} bytes */
    byte[] in(int length) {
        if (in.length < length) {
            in = new byte[length];
        }
        return in;
    }

    /** @return an output array of at least {@code length} bytes */
    byte[] out(int length) {
        if (out.length < length) {
            out = new byte[length];
        }
        return out;
    }
}
