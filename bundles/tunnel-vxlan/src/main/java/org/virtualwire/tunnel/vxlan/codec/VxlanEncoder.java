package org.virtualwire.tunnel.vxlan.codec;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Turns {@link VxlanPacket}s into UDP datagrams. The 8-byte header goes into a fresh buffer that is joined
 * with the inner frame in a composite buffer, so the frame is not copied here. {@link MessageToMessageEncoder}
 * releases the packet after {@link #encode}; the composite holds its own reference to the frame.
 *
 * <p>{@code @Sharable} because it keeps no state: use {@link #INSTANCE}.
 */
@Sharable
public final class VxlanEncoder extends MessageToMessageEncoder<VxlanPacket> {

    /** The one instance every pipeline can share. */
    public static final VxlanEncoder INSTANCE = new VxlanEncoder();

    private VxlanEncoder() {
        super(VxlanPacket.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, VxlanPacket packet, List<Object> out) {
        if (packet.recipient() == null) {
            throw new EncoderException("VXLAN packet for vni " + packet.vni() + " has no recipient");
        }
        CompositeByteBuf datagram = ctx.alloc().compositeBuffer(2);
        try {
            // addComponent owns what it is given and releases it itself if adding fails
            datagram.addComponent(true, VxlanHeader.write(ctx.alloc().buffer(VxlanHeader.LENGTH), packet.vni()));
            datagram.addComponent(true, packet.frame().retain());
            out.add(new DatagramPacket(datagram, packet.recipient(), packet.sender()));
        } catch (RuntimeException e) {
            datagram.release();
            throw e;
        }
    }
}
