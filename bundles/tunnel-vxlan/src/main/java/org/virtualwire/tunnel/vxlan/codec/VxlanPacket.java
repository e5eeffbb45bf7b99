package org.virtualwire.tunnel.vxlan.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One VXLAN packet: the VNI, the inner Ethernet frame and the outer UDP addresses. The frame is reference
 * counted through this holder: whoever ends up with the packet must {@link #release()} it.
 */
public final class VxlanPacket extends DefaultByteBufHolder {

    private final int vni;
    private final InetSocketAddress recipient;
    private final InetSocketAddress sender;

    /**
     * @param vni       VXLAN network identifier, 0..0xFFFFFF
     * @param frame     inner Ethernet frame; ownership passes to this packet, even if this constructor throws
     * @param recipient outer UDP destination; required by the encoder, may be null elsewhere
     * @param sender    outer UDP source, or null to let the channel choose
     */
    public VxlanPacket(int vni, ByteBuf frame, InetSocketAddress recipient, InetSocketAddress sender) {
        super(requireValid(vni, frame));
        this.vni = vni;
        this.recipient = recipient;
        this.sender = sender;
    }

    /** A packet to {@code recipient} with the source address left to the channel. */
    public VxlanPacket(int vni, ByteBuf frame, InetSocketAddress recipient) {
        this(vni, frame, recipient, null);
    }

    /** Releases the frame before throwing, so a caller that handed it over never leaks it. */
    private static ByteBuf requireValid(int vni, ByteBuf frame) {
        try {
            VxlanHeader.checkVni(vni);
            return frame;
        } catch (IllegalArgumentException e) {
            frame.release();
            throw e;
        }
    }

    /** The VXLAN network identifier, always 0..0xFFFFFF. */
    public int vni() {
        return vni;
    }

    /** The inner Ethernet frame (same buffer as {@link #content()}). */
    public ByteBuf frame() {
        return content();
    }

    /** The outer UDP destination, possibly null. */
    public InetSocketAddress recipient() {
        return recipient;
    }

    /** The outer UDP source, possibly null. */
    public InetSocketAddress sender() {
        return sender;
    }

    /** Used by copy(), duplicate() and retainedDuplicate(): keeps VNI and addresses. */
    @Override
    public VxlanPacket replace(ByteBuf content) {
        return new VxlanPacket(vni, content, recipient, sender);
    }

    @Override
    public VxlanPacket copy() {
        return (VxlanPacket) super.copy();
    }

    @Override
    public VxlanPacket retainedDuplicate() {
        return (VxlanPacket) super.retainedDuplicate();
    }

    @Override
    public VxlanPacket retain() {
        super.retain();
        return this;
    }

    @Override
    public VxlanPacket touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VxlanPacket p && vni == p.vni && Objects.equals(recipient, p.recipient)
                && Objects.equals(sender, p.sender) && content().equals(p.content());
    }

    @Override
    public int hashCode() {
        return Objects.hash(vni, recipient, sender, content());
    }

    @Override
    public String toString() {
        return "VxlanPacket(vni=" + vni + ", " + sender + " -> " + recipient + ", " + contentToString() + ")";
    }
}
