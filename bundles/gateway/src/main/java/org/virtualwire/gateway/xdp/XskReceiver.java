package org.virtualwire.gateway.xdp;

import io.netty.buffer.ByteBuf;

/** Where an AF_XDP socket hands what it receives; called on the relay's event-loop thread only. */
public interface XskReceiver {

    /**
     * One UDP datagram.
     *
     * @param sender the sender's IPv4 address, as an unsigned 32-bit value
     * @param payload the UDP payload, a slice of the socket's frame memory, which the receiver owns (releases or
     *            passes on) and must be done with by {@link #batchEnd()}: its frame then goes back to the kernel
     */
    void datagram(long sender, ByteBuf payload);

    /** A frame whose UDP length does not fit the frame. */
    void malformed();

    /** After each batch: send what the batch produced; the batch's frames are reused after this. */
    void batchEnd();
}
